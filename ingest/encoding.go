package ingest

import (
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Text encodings a profile section may name for its files. UTF-8 (with or
// without a byte-order mark) needs no name. Windows-1252 is what Excel's
// plain "CSV" and older EHRs write on Windows; Latin-1 (ISO 8859-1) is its
// older subset; UTF-16 is Excel's "Unicode text", little-endian unless its
// byte-order mark says otherwise.
var encodings = map[string]struct {
	aliases []string
	enc     encoding.Encoding
}{
	"windows-1252": {[]string{"windows-1252", "cp1252", "win-1252"}, charmap.Windows1252},
	"latin-1":      {[]string{"latin-1", "latin1", "iso-8859-1", "iso8859-1"}, charmap.ISO8859_1},
	"utf-16":       {[]string{"utf-16", "utf16", "utf-16le", "ucs-2"}, unicode.UTF16(unicode.LittleEndian, unicode.UseBOM)},
	"utf-8":        {[]string{"utf-8", "utf8"}, nil},
}

// encodingName turns a profile's encoding into its canonical name; UTF-8
// becomes "" (the default).
func encodingName(name string) (string, error) {
	lower := strings.ToLower(strings.TrimSpace(name))
	for canonical, e := range encodings {
		if contains(e.aliases, lower) {
			if e.enc == nil {
				return "", nil
			}
			return canonical, nil
		}
	}
	return "", fmt.Errorf("%q is not an encoding peerstat reads; use \"windows-1252\", \"latin-1\", \"utf-16\" or \"utf-8\" (the default)", name)
}

// decodedCopy writes a text file in a named encoding out as UTF-8, into
// dir, and returns the copy's path. Line ends are kept as they are, so
// every line keeps its number. The copy holds the file's rows: dir is the
// load's private temporary folder (0700), removed when the load ends.
func decodedCopy(f dataFile, name, dir string) (string, error) {
	in, err := os.Open(f.path)
	if err != nil {
		return "", err
	}
	defer in.Close()
	var r io.Reader = in
	if f.format == formatCSVGzip {
		gz, err := gzipReader(f, in)
		if err != nil {
			return "", err
		}
		defer gz.Close()
		r = gz
	}
	out, err := os.OpenFile(filepath.Join(dir, fmt.Sprintf("decoded-%s.txt", strings.ReplaceAll(f.name, string(filepath.Separator), "_"))), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return "", fmt.Errorf("decode %s: %w", f.name, err)
	}
	dec := encodings[name].enc.NewDecoder()
	if _, err := io.Copy(out, transform.NewReader(r, dec)); err != nil {
		out.Close()
		return "", fmt.Errorf("%s could not be read as %s text (%v); check the profile's encoding", f.name, name, err)
	}
	if err := out.Close(); err != nil {
		return "", fmt.Errorf("decode %s: %w", f.name, err)
	}
	return out.Name(), nil
}

func gzipReader(f dataFile, r io.Reader) (io.ReadCloser, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("%s is not a gzip file (%v); compress it with gzip or drop the .gz ending", f.name, err)
	}
	return gz, nil
}

// decode gives a text file whose profile section names an encoding its
// UTF-8 copy (see decodedCopy): the checks and the reader read the copy,
// while the file's SHA-256 stays that of its own bytes.
func (l *loader) decode(f *dataFile) error {
	if f.sec == nil || f.sec.encoding == "" || !f.format.text() {
		return nil
	}
	if l.tmpDir == "" {
		dir, err := os.MkdirTemp("", "peerstat-load-")
		if err != nil {
			return fmt.Errorf("make a temporary folder to decode %s: %w", f.name, err)
		}
		l.tmpDir = dir
	}
	copyPath, err := decodedCopy(*f, f.sec.encoding, l.tmpDir)
	if err != nil {
		return err
	}
	f.decoded = copyPath
	if f.format == formatCSVGzip {
		f.format = formatCSV
	}
	return nil
}

// textPath is where a text file's UTF-8 text is read from.
func (f dataFile) textPath() string {
	if f.decoded != "" {
		return f.decoded
	}
	return f.path
}
