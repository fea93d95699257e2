// Package metrics runs the SQL models in queries/ against the loaded
// database, in layer order, and gathers the metric rows with their
// registry definitions, the resolved settings and the data-quality figures.
// It writes metrics.csv. It formats no number for display (reports do) and
// holds no metric logic of its own beyond bootstrap resampling and
// small-cell suppression, which are not expressible as one query.
package metrics
