package metrics

// workforceDefinitions: METRICS.md "Workforce" (staff, timesheets).
func workforceDefinitions() []Definition { return nil }
