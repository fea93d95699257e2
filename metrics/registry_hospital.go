package metrics

// hospitalDefinitions: METRICS.md "Hospital and crisis use" (encounters).
func hospitalDefinitions() []Definition { return nil }

// outcomeDefinitions: METRICS.md "Outcomes: before and after peer support".
func outcomeDefinitions() []Definition { return nil }

// costDefinitions: METRICS.md "Cost case".
func costDefinitions() []Definition { return nil }
