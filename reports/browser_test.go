package reports

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// browser is headless Chromium driven over the DevTools protocol through
// --remote-debugging-pipe: commands go to the browser's fd 3 and replies and
// events come back on its fd 4, each a JSON message ended by a NUL byte.
type browser struct {
	cmd    *exec.Cmd
	toChr  io.WriteCloser
	mu     sync.Mutex
	nextID int
	wait   map[int]chan cdpMessage
	events []cdpMessage
	closed chan struct{}
	stderr bytes.Buffer
}

type cdpMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *cdpError       `json:"error,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

// chromiumPath finds Chromium; a test skips without it only outside CI.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed; CI must install the Debian package chromium (apt-get install -y chromium)")
	}
	t.Skip("chromium is not installed (apt-get install -y chromium); the HTML reports were not opened in a browser")
	return ""
}

func startBrowser(t *testing.T) *browser {
	t.Helper()
	path := chromiumPath(t)
	cmdR, cmdW, err := os.Pipe() // we write, Chromium reads on fd 3
	if err != nil {
		t.Fatal(err)
	}
	evR, evW, err := os.Pipe() // Chromium writes on fd 4, we read
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{toChr: cmdW, wait: map[int]chan cdpMessage{}, closed: make(chan struct{})}
	b.cmd = exec.Command(path, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--no-default-browser-check",
		"--disable-extensions", "--hide-scrollbars", "--mute-audio",
		"--user-data-dir="+t.TempDir(), "--remote-debugging-pipe", "about:blank")
	b.cmd.ExtraFiles = []*os.File{cmdR, evW}
	b.cmd.Stderr = &b.stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	cmdR.Close()
	evW.Close()
	go b.read(evR)
	t.Cleanup(func() {
		b.send("", "Browser.close", nil) //nolint:errcheck // the browser may already be gone
		done := make(chan struct{})
		go func() { b.cmd.Wait(); close(done) }() //nolint:errcheck
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			b.cmd.Process.Kill() //nolint:errcheck
			<-done
		}
		cmdW.Close()
	})
	return b
}

func (b *browser) read(r io.Reader) {
	defer close(b.closed)
	br := bufio.NewReaderSize(r, 1<<20)
	for {
		raw, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var m cdpMessage
		if json.Unmarshal(raw[:len(raw)-1], &m) != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch, ok := b.wait[m.ID]; ok {
				delete(b.wait, m.ID)
				ch <- m
			}
		} else {
			b.events = append(b.events, m)
		}
		b.mu.Unlock()
	}
}

// send runs one DevTools command and decodes its result into out (if not nil).
func (b *browser) send(session, method string, params any, out ...any) error {
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	ch := make(chan cdpMessage, 1)
	b.wait[id] = ch
	b.mu.Unlock()
	msg := map[string]any{"id": id, "method": method}
	if params != nil {
		msg["params"] = params
	}
	if session != "" {
		msg["sessionId"] = session
	}
	data, err := json.Marshal(msg)
	if err != nil {
		return err
	}
	if _, err := b.toChr.Write(append(data, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m := <-ch:
		if m.Error != nil {
			return fmt.Errorf("%s: %s", method, m.Error.Message)
		}
		if len(out) > 0 && out[0] != nil {
			return json.Unmarshal(m.Result, out[0])
		}
		return nil
	case <-b.closed:
		return fmt.Errorf("%s: chromium exited: %s", method, b.stderr.String())
	case <-time.After(60 * time.Second):
		return fmt.Errorf("%s: no answer from chromium in 60s", method)
	}
}

// eventsOf lists the events of one method for a session so far.
func (b *browser) eventsOf(session, method string) []cdpMessage {
	b.mu.Lock()
	defer b.mu.Unlock()
	var out []cdpMessage
	for _, e := range b.events {
		if e.Method == method && e.SessionID == session {
			out = append(out, e)
		}
	}
	return out
}

// tab is one page of the browser with the domains we listen to enabled.
type tab struct {
	b       *browser
	session string
}

func (b *browser) newTab(t *testing.T, width, height int) *tab {
	t.Helper()
	var target struct{ TargetID string }
	if err := b.send("", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		t.Fatal(err)
	}
	var att struct{ SessionID string }
	if err := b.send("", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &att); err != nil {
		t.Fatal(err)
	}
	tb := &tab{b: b, session: att.SessionID}
	for _, m := range []string{"Page.enable", "Network.enable", "Runtime.enable", "Log.enable"} {
		if err := b.send(tb.session, m, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.send(tb.session, "Emulation.setDeviceMetricsOverride",
		map[string]any{"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}); err != nil {
		t.Fatal(err)
	}
	return tb
}

// open loads url and waits for the load event.
func (tb *tab) open(t *testing.T, url string) {
	t.Helper()
	before := len(tb.b.eventsOf(tb.session, "Page.loadEventFired"))
	var nav struct{ ErrorText string }
	if err := tb.b.send(tb.session, "Page.navigate", map[string]any{"url": url}, &nav); err != nil {
		t.Fatal(err)
	}
	if nav.ErrorText != "" {
		t.Fatalf("open %s: %s", url, nav.ErrorText)
	}
	deadline := time.Now().Add(60 * time.Second)
	for len(tb.b.eventsOf(tb.session, "Page.loadEventFired")) == before {
		if time.Now().After(deadline) {
			t.Fatalf("open %s: no load event in 60s", url)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// eval runs a JavaScript expression and decodes its (JSON) value into out.
func (tb *tab) eval(t *testing.T, expr string, out any) {
	t.Helper()
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	if err := tb.b.send(tb.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true}, &res); err != nil {
		t.Fatal(err)
	}
	if res.ExceptionDetails != nil {
		t.Fatalf("evaluate %s: %s %s", expr, res.ExceptionDetails.Text, res.ExceptionDetails.Exception.Description)
	}
	if out != nil {
		if err := json.Unmarshal(res.Result.Value, out); err != nil {
			t.Fatalf("evaluate %s: %v (value %s)", expr, err, res.Result.Value)
		}
	}
}

// screenshot saves a PNG of the part of the page from y (CSS pixels) down,
// one viewport high.
func (tb *tab) screenshot(t *testing.T, path string, y, width, height int) {
	t.Helper()
	var shot struct{ Data string }
	clip := map[string]any{"x": 0, "y": y, "width": width, "height": height, "scale": 1}
	if err := tb.b.send(tb.session, "Page.captureScreenshot", map[string]any{"format": "png", "clip": clip, "captureBeyondViewport": true}, &shot); err != nil {
		t.Fatal(err)
	}
	png, err := base64.StdEncoding.DecodeString(shot.Data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// printPDF prints the page as the browser's print dialog would.
func (tb *tab) printPDF(t *testing.T) []byte {
	t.Helper()
	var pdf struct{ Data string }
	if err := tb.b.send(tb.session, "Page.printToPDF", map[string]any{"preferCSSPageSize": true, "printBackground": true}, &pdf); err != nil {
		t.Fatal(err)
	}
	data, err := base64.StdEncoding.DecodeString(pdf.Data)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
