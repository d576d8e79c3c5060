package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/auth"
	"kovit/internal/eservice"
)

// TestImportOfferingWords: an editor's sheet may say what the page says, "pakub" or
// "ei paku", not only the export's codes.
func TestImportOfferingWords(t *testing.T) {
	eachEngine(t, func(t *testing.T, a *testApp) {
		editor := a.as(t, a.user(t, "mari@tartu.test", auth.RoleEditor, "0793"))
		file := "\ufeffehak;service_code;offering;criteria_met;url;system;evidence_url;evidence_checked_on\r\n" +
			"0793;SOC-001;pakub;1,1;;;;\r\n0793;SOC-002;ei paku;;;;;\r\n0793;SOC-003;Ei kohaldu;;;;;\r\n0793;SOC-004;pakutakse;;;;;\r\n"
		if status, page := upload(t, editor, a, "Tartu.csv", []byte(file)); status != http.StatusOK {
			t.Fatalf("status %d\n%s", status, page)
		}
		for code, want := range map[string]eservice.Offering{"SOC-001": eservice.Offered, "SOC-002": eservice.NotOffered,
			"SOC-003": eservice.NotApplicable, "SOC-004": eservice.Offered} {
			c, err := a.store.Cell(context.Background(), "0793", code)
			if err != nil {
				t.Fatal(err)
			}
			if c.Offering != want || c.Version != 1 {
				t.Errorf("%s: %s v%d, want %s", code, c.Offering, c.Version, want)
			}
		}
		// The export still writes the codes.
		if data := string(download(t, a, "/eservices/matrix.csv?municipality=0793")); !strings.Contains(data, ";offered;") || strings.Contains(data, "pakub") {
			t.Errorf("export changed:\n%.400s", data)
		}
	})
}
