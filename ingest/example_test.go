package ingest_test

import (
	"context"
	"fmt"

	"github.com/peerstat/peerstat/config"
	"github.com/peerstat/peerstat/ingest"
)

// Load a folder of exports into an in-memory database and see what each
// file did and why rows were rejected.
func ExampleLoad() {
	db, err := ingest.Open("") // a path gives a database file
	if err != nil {
		panic(err)
	}
	defer db.Close()
	cfg := config.Default()
	cfg.Timezone = "America/Chicago"
	res, err := ingest.Load(context.Background(), db, ingest.Options{DataDir: "testdata/bad", Config: cfg})
	if err != nil {
		panic(err)
	}
	for _, f := range res.Files {
		fmt.Printf("%s: %d read, %d loaded, %d rejected\n", f.File, f.RowsRead, f.RowsLoaded, f.RowsRejected)
	}
	fmt.Println(res.Rejects[0])
	// Output:
	// participants.csv: 11 read, 4 loaded, 7 rejected
	// staff.csv: 10 read, 3 loaded, 7 rejected
	// services.csv: 15 read, 3 loaded, 12 rejected
	// encounters.csv: 8 read, 2 loaded, 6 rejected
	// timesheets.csv: 12 read, 3 loaded, 9 rejected
	// surveys.csv: 8 read, 3 loaded, 5 rejected
	// participants.csv line 5, column enrolled_on: "2024/03/04": not a date (expected YYYY-MM-DD or M/D/YYYY)
}
