package web

import (
	"context"
	"net/http"
	"strings"

	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/municipality"
	"kovit/internal/tabular"
)

// eserviceExport sends the matrix as CSV or XLSX in the format eserviceImport reads back:
// every municipality, one region's with ?county=EHAK or one municipality's row with
// ?municipality=EHAK. Public, like the matrix page.
//
// The rows are read and written a block of municipalities at a time (Store.RowGrid), so
// a large country's 6.5 million rows stream out without all cells in memory. A workbook
// holds at most tabular.MaxSheetRows rows: a larger one is refused before anything is
// sent, asking for a region or CSV.
func (ui *UI) eserviceExport(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	ehak, county := q.Get("municipality"), q.Get("county")
	ms, err := ui.exportMunicipalities(r, ehak, county)
	if err != nil {
		return err
	}
	services, err := ui.Services.ListServices(ctx, false)
	if err != nil {
		return err
	}
	xlsx := strings.HasSuffix(r.URL.Path, ".xlsx")
	if xlsx && len(ms)*len(services) > tabular.MaxSheetRows {
		return &kovit.Error{Code: kovit.EInvalid, Key: "eservice.export.too_large",
			Fields: []kovit.FieldError{{Field: "county", Key: "eservice.export.choose_county"}}}
	}
	scale, err := ui.Services.Scale(ctx)
	if err != nil {
		return err
	}
	name := "e-teenused"
	if ehak != "" {
		name += "-" + ehak
	} else if county != "" {
		name += "-" + county
	}
	lang := lang(r)
	started := false
	rows := func(yield func([]any) error) error {
		ctx, cancel := context.WithCancel(ctx)
		defer cancel() // a failed write stops the reads
		for b := range ui.rowBlocks(ctx, ms) {
			if b.err != nil {
				return b.err
			}
			for _, row := range eservice.ExportGridRows(b.ms, services, b.grid, scale, lang) {
				started = true
				if err := yield(row); err != nil {
					return err
				}
			}
		}
		return ctx.Err()
	}
	err = tabular.WriteHTTP(w, r, name, tabular.Table{Sheet: "e-teenused", Header: eservice.Columns, Each: rows})
	if err != nil && started {
		// Half a file is out with a 200: end the connection, so the client sees the
		// download fail instead of an error page after the rows.
		ui.Logger.ErrorContext(ctx, "matrix export", "err", err, "path", r.URL.Path)
		panic(http.ErrAbortHandler)
	}
	return err
}

// rowBlock is the cells of up to eservice.MaxRowBlock municipalities, or the error that
// reading them gave.
type rowBlock struct {
	ms   []municipality.Municipality
	grid eservice.Grid
	err  error
}

// rowBlocks reads ms's rows a block at a time, one block ahead of the reader: the next
// block's query runs while the last one is written (the whole large country's CSV took
// 75–84 s reading and writing in turn). Two blocks at most are held. It stops at the first
// error, which it sends, or when ctx ends.
func (ui *UI) rowBlocks(ctx context.Context, ms []municipality.Municipality) <-chan rowBlock {
	out := make(chan rowBlock, 1)
	go func() {
		defer close(out)
		for from := 0; from < len(ms); from += eservice.MaxRowBlock {
			block := ms[from:min(from+eservice.MaxRowBlock, len(ms))]
			ehaks := make([]string, len(block))
			for i, m := range block {
				ehaks[i] = m.EHAK
			}
			grid, err := ui.Services.RowGrid(ctx, ehaks)
			select {
			case out <- rowBlock{block, grid, err}:
			case <-ctx.Done():
				return
			}
			if err != nil {
				return
			}
		}
	}()
	return out
}

// exportMunicipalities is the export's municipalities in the list's order: the one named
// (not found when there is none), a region's, or every one.
func (ui *UI) exportMunicipalities(r *http.Request, ehak, county string) ([]municipality.Municipality, error) {
	if ehak != "" {
		m, err := ui.Municipalities.Municipality(r.Context(), ehak)
		if err != nil {
			return nil, err
		}
		if county != "" && m.CountyEHAK != county {
			return nil, kovit.NotFound()
		}
		return []municipality.Municipality{m}, nil
	}
	var out []municipality.Municipality
	for {
		page, total, err := ui.Municipalities.ListMunicipalities(r.Context(),
			municipality.Filter{CountyEHAK: county, Limit: municipality.MaxLimit, Offset: len(out)})
		if err != nil {
			return nil, err
		}
		out = append(out, page...)
		if len(page) == 0 || len(out) >= total {
			return out, nil
		}
	}
}
