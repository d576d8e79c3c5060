package kovit

import (
	"time"
	_ "time/tzdata" // Estonian time even where the OS has no zone files
)

// Estonia is where kovit's users are: their calendar days, due dates and month ends. The
// time zone database is embedded, so the fallback is only a guard.
var Estonia = func() *time.Location {
	if l, err := time.LoadLocation("Europe/Tallinn"); err == nil {
		return l
	}
	return time.FixedZone("EET", 2*3600)
}()
