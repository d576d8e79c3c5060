package refdata

import (
	"testing"

	"kovit/internal/security"
)

// The 2023 catalogue holds 103 modules and 34 group headers (SOURCES-eits-modules.md).
func TestEITSModules(t *testing.T) {
	rows, err := EITSModules()
	if err != nil {
		t.Fatal(err)
	}
	modules := security.Modules(rows)
	if len(rows) != 137 || len(modules) != 103 {
		t.Fatalf("%d rows, %d modules; want 137 and 103", len(rows), len(modules))
	}
	seen := map[string]bool{}
	for _, m := range rows {
		if seen[m.Code] {
			t.Errorf("code %s twice", m.Code)
		}
		seen[m.Code] = true
	}
	for code, header := range map[string]bool{"ISMS": true, "ISMS.1": false, "OPS.1.1": true, "OPS.1.1.2": false, "SYS.EE": true, "SYS.EE.1": false} {
		for _, m := range rows {
			if m.Code == code && m.Header != header {
				t.Errorf("%s: header %v, want %v", code, m.Header, header)
			}
		}
	}
}
