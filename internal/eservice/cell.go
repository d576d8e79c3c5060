package eservice

import (
	"slices"
	"time"
)

// Saved is c after a municipality reports in over it, at a time and by whom: the level
// is the scale's, and verification starts again at self-reported, since what a
// coordinator verified is no longer what is there. Every way of saving a cell (a form,
// the API, an import) builds its new state here, so they cannot drift apart. The
// criteria come sorted and without repeats, and the evidence date as midnight UTC, as
// the store reads them back.
func (c Cell) Saved(in CellInput, scale Scale, at time.Time, by string) Cell {
	met := slices.Clone(in.Met)
	slices.Sort(met)
	met = slices.Compact(met)
	if len(met) == 0 {
		met = nil // as a cell without criteria reads back
	}
	after := Cell{MunicipalityEHAK: c.MunicipalityEHAK, ServiceCode: c.ServiceCode, Offering: in.Offering, Met: met,
		Level: scale.LevelOf(in.Offering, met), URL: in.URL, System: in.System, EvidenceURL: in.EvidenceURL,
		Verification: SelfReported, Version: c.Version + 1, UpdatedAt: at, UpdatedBy: by, ConfirmedAt: &at}
	if d := in.EvidenceCheckedOn; d != nil {
		day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
		after.EvidenceCheckedOn = &day
	}
	return after
}

// Confirmed is c after its municipality says it is still current: only ConfirmedAt moves.
// The version stays, so a form open on the cell elsewhere is not made stale by it.
func (c Cell) Confirmed(at time.Time) Cell {
	c.ConfirmedAt = &at
	return c
}

// Unchanged reports whether saving in over c would change nothing the municipality
// reports, so an import can leave the cell, its version and its verification alone.
func (c Cell) Unchanged(in CellInput) bool {
	return c.Offering == in.Offering && c.URL == in.URL && c.System == in.System &&
		c.EvidenceURL == in.EvidenceURL && sameDay(c.EvidenceCheckedOn, in.EvidenceCheckedOn) && sameSet(c.Met, in.Met)
}

func sameDay(a, b *time.Time) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Format(time.DateOnly) == b.Format(time.DateOnly)
}

func sameSet(a, b []int64) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(slices.Compact(a), slices.Compact(b))
}
