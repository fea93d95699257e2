// Package reports renders computed metrics (a metrics.Result) as the files a
// board or a managed-care partner reads: an Excel workbook with native
// charts and a self-contained HTML page with the same sections.
//
// Both files are drawn from one packet (the sections, tables and charts
// built from the Result), so the workbook and the page always say the same
// thing. Every number shown is a metric row's numerator, denominator or
// value, or a setting from the resolved config; the only arithmetic here is
// the change between two shown values of the same figure. Suppressed
// figures read "suppressed (<k)".
//
// It does not run SQL, compute or suppress metrics (package metrics does),
// and it never fetches anything: the ECharts library is embedded in the
// binary (see scripts/fetch-echarts.sh) and inlined into every page.
package reports

//go:generate ../scripts/fetch-echarts.sh
