package demo

import (
	"testing"

	"kovit/internal/security"
)

func TestSecurityMeasures(t *testing.T) {
	modules := []security.Module{{Year: 2023, Code: "ISMS", Header: true}, {Year: 2023, Group: "ISMS", Code: "ISMS.1", TitleEt: "Turbehaldus"},
		{Year: 2023, Group: "ORP", Code: "ORP.1", TitleEt: "Korraldus"}}
	ms := SecurityMeasures(modules, 2023, 5)
	if err := security.CheckImport(2023, modules, ms); err != nil {
		t.Fatal(err)
	}
	if ms[0].Code != "ISMS.1.M1" || ms[1].Code != "ORP.1.M1" || ms[2].Code != "ISMS.1.M2" || ms[4].Tier != security.High {
		t.Errorf("%+v", ms)
	}
}
