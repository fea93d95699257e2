package reports

import "time"

// packet is one report as a reader meets it: a cover and a sequence of
// sections, each a worksheet in the workbook and a page in the HTML.
type packet struct {
	FileBase    string // file name without extension, e.g. "peerstat-board"
	Title       string // "Board report"
	Agency      string
	Audience    string // "Board of directors", "Acme Health (MCO)"
	Period      string // "2024-07-01 to 2025-06-30"
	MinCell     int
	Notice      string // the suppression notice, on every page and sheet
	GeneratedAt time.Time
	Sections    []section
}

// suppressionOff reports whether the packet was made with min_cell = 0.
func (p *packet) suppressionOff() bool { return p.MinCell == 0 }

// section is one worksheet and one printed page.
type section struct {
	Sheet  string // worksheet name (at most 31 characters)
	Anchor string // HTML id
	Title  string
	Intro  []string // short paragraphs under the heading
	Blocks []block
}

// media says where a block appears.
type media int

const (
	bothMedia media = iota
	workbookOnly
	pageOnly
)

// block is a note, a table or a chart, in reading order.
type block struct {
	Only    media
	Note    string // a paragraph
	Caution bool   // the note is a caution (outcome figures)
	Absent  bool   // the note says why some figures are missing
	Table   *table
	Chart   *chart
}

// table is a titled grid of cells. In the workbook it is an Excel table
// (filterable); in the HTML a <table>.
type table struct {
	Caption string
	Columns []column
	Rows    [][]cell
	Empty   string // what to say when there are no rows
}

type column struct {
	Title string
	Width float64 // Excel column width in characters
	Wrap  bool    // long text: wrap in the workbook
}

// cell is one shown value: text, or a number in a unit's format.
type cell struct {
	Text       string
	Num        *float64
	Format     numFormat
	Suppressed bool   // reads "suppressed (<k)"
	Tip        string // HTML title (a metric's description)
	Strong     bool
	Tone       string // toneBetter or toneWorse: coloured by the figure's direction
	// Trend, when set, is drawn as a sparkline: on the page an inline SVG,
	// in the workbook an Excel sparkline over the plotted values.
	Trend []trendPoint
}

// Tones of a change or target verdict.
const (
	toneBetter = "better"
	toneWorse  = "worse"
)

// chartKind is the chart drawn for a chart block.
type chartKind int

const (
	lineChart     chartKind = iota // a line per series over the categories (time)
	barChart                       // clustered columns
	stackedChart                   // stacked columns
	intervalChart                  // one series of estimates with 95% intervals
)

// chart is a chart with its data; the data is also shown as a table beneath
// it (HTML) or beside it (workbook).
type chart struct {
	ID         string // unique in the packet, a JavaScript identifier
	Kind       chartKind
	Title      string
	Note       string // what the chart shows, from the metric definitions
	XLabel     string
	YLabel     string
	Format     numFormat // of every value in the chart
	Categories []string
	Series     []series
}

type series struct {
	Name   string
	Color  string // hex without '#'
	Values []cell // one per category
	Low    []cell // intervalChart: lower bounds
	High   []cell // intervalChart: upper bounds
}
