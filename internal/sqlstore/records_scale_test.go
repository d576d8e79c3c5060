package sqlstore_test

import (
	"context"
	"slices"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/eservice"
	"kovit/internal/kovit"
	"kovit/internal/landscape"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// TestRecordsScaleStore: the records scale is seeded with levels 0–5 and the eight criteria
// whose ids profiles hold; a coordinator's rewording is validated, kept with its history, and
// leaves the profiles' levels as they were.
func TestRecordsScaleStore(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := context.Background()
		scale, err := s.RecordsScale(ctx)
		if err != nil || len(scale) != 6 || scale.Max() != 5 {
			t.Fatalf("seeded scale: %d levels %v", len(scale), err)
		}
		var ids []int64
		for _, l := range scale {
			for _, c := range l.Criteria {
				ids = append(ids, c.ID)
			}
		}
		if !slices.Equal(ids, []int64{1, 2, 3, 4, 5, 6, 7, 8}) || scale[3].Criteria[0].Code != "3.4" || scale[2].NameEt != "Register vastab Andmekaitse Inspektsiooni juhistele" {
			t.Fatalf("seeded criteria %v, level 3 %+v", ids, scale[3])
		}
		p, err := s.SaveRecordsProfile(ctx, landscape.RecordsProfile{MunicipalityEHAK: "0171", DHX: landscape.DHXDirect,
			RegisterURL: "https://elva.ee/register", Met: []int64{1, 2, 3, 4}})
		if err != nil || p.Level != 3 {
			t.Fatalf("a profile at level 3: %+v %v", p, err)
		}

		for _, bad := range []struct {
			c    eservice.Criterion
			want string
		}{
			{eservice.Criterion{ID: 4, TextEt: " ", TextEn: "DHX"}, "text_et"},
			{eservice.Criterion{ID: 4, TextEt: string(make([]byte, 501)), TextEn: "DHX"}, "text_et"},
			{eservice.Criterion{ID: 4, TextEt: "DHX", TextEn: string(make([]byte, 501))}, "text_en"},
		} {
			if _, err := s.UpdateRecordsCriterion(ctx, bad.c); !kovit.FieldsOf(err).Has(bad.want) {
				t.Errorf("%q/%q: %v, want a problem with %s", bad.c.TextEt, bad.c.TextEn, err, bad.want)
			}
		}
		if _, err := s.UpdateRecordsCriterion(ctx, eservice.Criterion{ID: 999, TextEt: "x"}); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Errorf("an unknown criterion: %v", err)
		}
		c, err := s.UpdateRecordsCriterion(ctx, eservice.Criterion{ID: 4, Level: 5, Code: "9.9",
			TextEt: "Dokumente vahetatakse DHX kaudu.", TextEn: "Documents are exchanged over DHX."})
		if err != nil || c.Level != 3 || c.Code != "3.4" || c.TextEt != "Dokumente vahetatakse DHX kaudu." {
			t.Fatalf("reworded: %+v %v", c, err)
		}
		scale, _ = s.RecordsScale(ctx)
		if got := scale[3].Criteria[0]; got.TextEn != "Documents are exchanged over DHX." || got.Level != 3 {
			t.Errorf("stored: %+v", got)
		}
		events, _, err := s.ListEvents(ctx, audit.Filter{Entity: audit.KindRecordsCriterion, EntityID: "4"})
		if err != nil || len(events) != 1 || events[0].Action != audit.Update {
			t.Errorf("history: %+v %v", events, err)
		}
		if p, _ := s.RecordsProfile(ctx, "0171"); p.Level != 3 {
			t.Errorf("rewording changed a level: %d", p.Level)
		}
	})
}
