package web

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// manyServices is a catalogue of n services; nothing else of the store is used.
type manyServices struct {
	eservice.Store
	n int
}

func (s manyServices) ListServices(context.Context, bool) ([]eservice.Service, error) {
	out := make([]eservice.Service, s.n)
	for i := range out {
		out[i] = eservice.Service{Code: fmt.Sprintf("X-%05d", i)}
	}
	return out, nil
}

// someMunicipalities lists n municipalities, a page at a time as the store does.
type someMunicipalities struct {
	municipality.Store
	n int
}

func (s someMunicipalities) ListMunicipalities(_ context.Context, f municipality.Filter) ([]municipality.Municipality, int, error) {
	var out []municipality.Municipality
	for i := f.Offset; i < min(f.Offset+f.Limit, s.n); i++ {
		out = append(out, municipality.Municipality{EHAK: fmt.Sprintf("%04d", i)})
	}
	return out, s.n, nil
}

// TestWorkbookExportTooLarge: a matrix export with more rows than a sheet holds is refused
// as XLSX with a message asking for a region or CSV, before anything is written.
func TestWorkbookExportTooLarge(t *testing.T) {
	for _, tt := range []struct {
		municipalities, services int
		refused                  bool
	}{
		{10_879, 600, true},
		{79, tabular.MaxSheetRows/79 + 1, true},
	} {
		ui := &UI{Deps: Deps{Municipalities: someMunicipalities{n: tt.municipalities}, Services: manyServices{n: tt.services}}}
		rec := httptest.NewRecorder()
		err := ui.eserviceExport(rec, httptest.NewRequest("GET", "/eservices/matrix.xlsx", nil))
		e := kovit.AsError(err)
		if e == nil || e.Code != kovit.EInvalid || e.Key != "eservice.export.too_large" || len(e.Fields) != 1 || e.Fields[0].Field != "county" {
			t.Errorf("%d × %d as a workbook: %v", tt.municipalities, tt.services, err)
		}
		if rec.Body.Len() > 0 || rec.Header().Get("Content-Disposition") != "" {
			t.Errorf("%d × %d: written before refusing: %q", tt.municipalities, tt.services, rec.Header())
		}
	}
}
