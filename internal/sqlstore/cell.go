package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"kovit/internal/eservice"
)

// cellColumns are a cell's columns in the order scanCell reads them and saveCells writes them.
const cellColumns = `municipality_ehak, service_code, offering, level, url, system, evidence_url,
	evidence_checked_on, verification, return_reason, version, updated_at, updated_by, confirmed_at`

func scanCell(row scanner) (eservice.Cell, error) {
	var c eservice.Cell
	var checked sql.NullString
	var confirmed sql.NullTime
	err := row.Scan(&c.MunicipalityEHAK, &c.ServiceCode, &c.Offering, &c.Level, &c.URL, &c.System, &c.EvidenceURL,
		&checked, &c.Verification, &c.ReturnReason, &c.Version, &c.UpdatedAt, &c.UpdatedBy, &confirmed)
	if confirmed.Valid {
		c.ConfirmedAt = &confirmed.Time
	}
	if checked.Valid {
		if d, err := time.Parse(time.DateOnly, checked.String); err == nil {
			c.EvidenceCheckedOn = &d
		}
	}
	return c, err
}

// cellsFrom reads the cells f selects.
func cellsFrom(ctx context.Context, q querier, f eservice.CellFilter) ([]eservice.Cell, error) {
	var w where
	if f.MunicipalityEHAK != "" {
		w.add("municipality_ehak = ?", f.MunicipalityEHAK)
	}
	if f.ServiceCode != "" {
		w.add("service_code = ?", f.ServiceCode)
	}
	rows, err := q.query(ctx, `SELECT `+cellColumns+` FROM service_cells`+w.String()+` ORDER BY municipality_ehak, service_code`, w.args...)
	if err != nil {
		return nil, fmt.Errorf("sqlstore: cells: %w", err)
	}
	var out []eservice.Cell
	index := map[[2]string]int{}
	for rows.Next() {
		c, err := scanCell(rows)
		if err != nil {
			rows.Close()
			return nil, err
		}
		index[[2]string{c.MunicipalityEHAK, c.ServiceCode}] = len(out)
		out = append(out, c)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	err = criteriaMet(ctx, q, w.String(), w.args, func(ehak, code string, id int64) {
		if i, ok := index[[2]string{ehak, code}]; ok {
			out[i].Met = append(out[i].Met, id)
		}
	})
	return out, err
}

// criteriaMet calls met with each criterion met by the cells that where (a WHERE clause
// over cell_criteria, with its args) selects, in the criteria's order.
func criteriaMet(ctx context.Context, q querier, where string, args []any, met func(ehak, code string, id int64)) error {
	crit, err := q.query(ctx, `SELECT municipality_ehak, service_code, criterion_id FROM cell_criteria`+where+
		` ORDER BY criterion_id`, args...)
	if err != nil {
		return fmt.Errorf("sqlstore: cell criteria: %w", err)
	}
	defer crit.Close()
	for crit.Next() {
		var ehak, code string
		var id int64
		if err := crit.Scan(&ehak, &code, &id); err != nil {
			return err
		}
		met(ehak, code, id)
	}
	return crit.Err()
}

// Cell implements eservice.Store. A cell never filled in is returned empty with version 0,
// so that a first save can use the same optimistic check as every later one.
func (s *Store) Cell(ctx context.Context, ehak, code string) (eservice.Cell, error) {
	if _, err := s.Municipality(ctx, ehak); err != nil {
		return eservice.Cell{}, err
	}
	if _, err := s.Service(ctx, code); err != nil {
		return eservice.Cell{}, err
	}
	cells, err := s.Cells(ctx, eservice.CellFilter{MunicipalityEHAK: ehak, ServiceCode: code})
	if err != nil || len(cells) == 1 {
		return firstCell(cells), err
	}
	return emptyCell(ehak, code), nil
}

func firstCell(cells []eservice.Cell) eservice.Cell {
	if len(cells) == 0 {
		return eservice.Cell{}
	}
	return cells[0]
}

func emptyCell(ehak, code string) eservice.Cell {
	return eservice.UnknownCell(ehak, code)
}

// cell reads one cell in a write, from the database rather than the in-memory copy (see
// Cell): empty with version 0 when never filled in.
func (t *tx) cell(ctx context.Context, ehak, code string) (eservice.Cell, error) {
	cells, err := cellsFrom(ctx, t, eservice.CellFilter{MunicipalityEHAK: ehak, ServiceCode: code})
	if err != nil || len(cells) == 1 {
		return firstCell(cells), err
	}
	return emptyCell(ehak, code), nil
}
