package sqlstore_test

import (
	"bytes"
	"context"
	"os"
	"testing"

	"kovit/internal/audit"
	"kovit/internal/auth"
	"kovit/internal/eits"
	"kovit/internal/kovit"
	"kovit/internal/refdata"
	"kovit/internal/security"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

var _ security.Store = (*sqlstore.Store)(nil)

// securityStore is a store with the E-ITS catalogue loaded, as the app loads it at start.
func securityStore(t *testing.T, s *sqlstore.Store) context.Context {
	t.Helper()
	ctx := auth.WithUser(context.Background(), &auth.User{ID: 1, Name: "Kati", Role: auth.RoleCoordinator, Active: true})
	modules, err := refdata.EITSModules()
	if err != nil {
		t.Fatal(err)
	}
	for range 2 { // loading again at the next start changes nothing
		if err := s.LoadEITSModules(ctx, modules); err != nil {
			t.Fatal(err)
		}
	}
	return ctx
}

func fixtureMeasures(t *testing.T) []security.Measure {
	t.Helper()
	data, err := os.ReadFile("../eits/testdata/measures-2023.json")
	if err != nil {
		t.Fatal(err)
	}
	ms, err := eits.Decode(bytes.NewReader(data), 2023)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func TestEITSCatalogueAndImport(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := securityStore(t, s)
		years, err := s.EITSYears(ctx)
		if err != nil || len(years) != 1 || years[0] != 2023 {
			t.Fatalf("years %v %v", years, err)
		}
		rows, err := s.EITSModules(ctx, 2023)
		if err != nil || len(rows) != 137 || len(security.Modules(rows)) != 103 || rows[0].Code != "ISMS" {
			t.Fatalf("%d rows, %v", len(rows), err)
		}
		ms := fixtureMeasures(t)
		res, err := s.ImportEITSMeasures(ctx, 2023, ms)
		if err != nil || res.Added != 7 {
			t.Fatalf("import: %+v %v", res, err)
		}
		// Importing again with one measure changed and one gone.
		ms[0].Title = "Muudetud"
		res, err = s.ImportEITSMeasures(ctx, 2023, ms[:6])
		if err != nil || res != (security.ImportResult{Changed: 1, Removed: 1}) {
			t.Fatalf("second import: %+v %v", res, err)
		}
		got, err := s.EITSMeasures(ctx, 2023)
		if err != nil || len(got) != 6 || got[0].Title != "Muudetud" || len(got[1].Roles) != 2 {
			t.Fatalf("measures: %+v %v", got, err)
		}
		// A bad file changes nothing.
		bad := append([]security.Measure(nil), ms...)
		bad[2].ModuleCode, bad[2].Code = "XYZ.1", "XYZ.1.M1"
		if _, err := s.ImportEITSMeasures(ctx, 2023, bad); !kovit.FieldsOf(err).Has("measures[2].code") {
			t.Errorf("unknown module: %v", err)
		}
		if again, _ := s.EITSMeasures(ctx, 2023); len(again) != 6 {
			t.Errorf("a refused import changed the measures: %d", len(again))
		}
		events, _, err := s.ListEvents(ctx, audit.Filter{Entity: audit.KindEITSMeasures, Limit: 10})
		if err != nil || len(events) != 2 {
			t.Errorf("events %d %v", len(events), err)
		}
	})
}

func TestSecurityRoundAnswersAndPrefill(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := securityStore(t, s)
		if _, err := s.CreateSecurityRound(ctx, security.Round{Title: "x", Year: 2019, Deadline: "2026-12-15",
			CorrectionUntil: "2026-12-20", PublishOn: "2027-01-10"}); !kovit.FieldsOf(err).Has("year") {
			t.Fatalf("a year without a catalogue: %v", err)
		}
		first, err := s.CreateSecurityRound(ctx, security.Round{Title: "E-ITS 2026", Year: 2023, Deadline: "2026-12-15",
			CorrectionUntil: "2026-12-20", PublishOn: "2027-01-10"})
		if err != nil {
			t.Fatal(err)
		}
		if _, _, err := s.SecurityAssessment(ctx, first.ID, "0784"); kovit.ErrorCode(err) != kovit.ENotFound {
			t.Fatalf("before the first answer: %v", err)
		}
		save := func(round int64, a security.Answer) security.Answer {
			t.Helper()
			out, err := s.SaveSecurityAnswer(ctx, round, "0784", a)
			if err != nil {
				t.Fatalf("%+v: %v", a, err)
			}
			return out
		}
		save(first.ID, security.Answer{ModuleCode: "ISMS.1", Applies: true, Status: security.Implemented, Evidence: "https://tallinn.ee/kord"})
		left := save(first.ID, security.Answer{ModuleCode: "INF.14", ExcludedReason: "Hooneautomaatikat pole"})
		save(first.ID, security.Answer{ModuleCode: "CON.3", Applies: true, Status: security.NotImplemented, Justification: "Raha pole",
			Owner: "Mari", Due: "2027-06-30"})
		// The rules hold on saving; a stale version is a conflict.
		if _, err := s.SaveSecurityAnswer(ctx, first.ID, "0784", security.Answer{ModuleCode: "ORP.1", Applies: true,
			Status: security.Implemented}); !kovit.FieldsOf(err).Has("evidence") {
			t.Errorf("implemented without evidence: %v", err)
		}
		if _, err := s.SaveSecurityAnswer(ctx, first.ID, "0784", security.Answer{ModuleCode: "OPS.1.1", Applies: true}); !kovit.FieldsOf(err).Has("module_code") {
			t.Errorf("a group header: %v", err)
		}
		stale := left
		stale.Version = 0
		if _, err := s.SaveSecurityAnswer(ctx, first.ID, "0784", stale); kovit.ErrorCode(err) != kovit.EConflict {
			t.Errorf("stale: %v", err)
		}
		a, answers, err := s.SecurityAssessment(ctx, first.ID, "0784")
		if err != nil || len(answers) != 3 || a.TargetTier != security.Basic {
			t.Fatalf("%+v %d %v", a, len(answers), err)
		}
		// The share stored with the assessment is the one its answers make.
		want := security.FiguresOf(mustModules(t, s), nil, answers).Share
		if shares, err := s.SecurityShares(ctx, first.ID); err != nil || len(shares) != 1 || shares["0784"] != want || want == 0 {
			t.Errorf("shares %v %v, want 0784: %v", shares, err, want)
		}
		// Measures imported for the year change it: ISMS.1's two basic measures are unanswered.
		if _, err := s.ImportEITSMeasures(ctx, 2023, fixtureMeasures(t)); err != nil {
			t.Fatal(err)
		}
		if shares, _ := s.SecurityShares(ctx, first.ID); shares["0784"] != 0 {
			t.Errorf("after the import, share %v, want 0", shares["0784"])
		}
		a.TargetTier, a.SignedOffBy, a.SignedOffOn, a.CouncilDate = security.Standard, "Vallavanem", "2026-12-18", "2027-01-20"
		if a, err = s.UpdateSecurityAssessment(ctx, a); err != nil || a.TargetTier != security.Standard {
			t.Fatalf("%+v %v", a, err)
		}

		// Next year's round is prefilled from this one, every answer to be confirmed.
		next, err := s.CreateSecurityRound(ctx, security.Round{Title: "E-ITS 2027", Year: 2023, Deadline: "2027-12-15",
			CorrectionUntil: "2027-12-20", PublishOn: "2028-01-10"})
		if err != nil {
			t.Fatal(err)
		}
		b, err := s.StartSecurityAssessment(ctx, next.ID, "0784")
		if err != nil || b.PrefilledFrom == nil || *b.PrefilledFrom != a.ID || b.TargetTier != security.Standard || b.SignedOffBy != "" {
			t.Fatalf("started %+v %v", b, err)
		}
		_, prefilled, _ := s.SecurityAssessment(ctx, next.ID, "0784")
		if len(prefilled) != 3 || !prefilled[0].Prefilled || prefilled[1].ExcludedReason != "Hooneautomaatikat pole" {
			t.Fatalf("prefilled %+v", prefilled)
		}
		if n, err := s.ConfirmSecurityModule(ctx, next.ID, "0784", "INF.14"); err != nil || n != 1 {
			t.Errorf("confirm: %d %v", n, err)
		}
		f := security.FiguresOf(mustModules(t, s), nil, mustAnswers(t, s, next.ID, "0784"))
		if f.Prefilled != 2 || f.Excluded != 1 || f.Implemented != 1 {
			t.Errorf("figures %+v", f)
		}
		all, err := s.SecurityRoundAnswers(ctx, next.ID)
		if err != nil || len(all) != 1 || len(all["0784"]) != 3 {
			t.Errorf("round answers %v %v", all, err)
		}

		// A round past its correction window takes no answer.
		past, err := s.CreateSecurityRound(ctx, security.Round{Title: "Vana", Year: 2023, Deadline: "2026-01-10",
			CorrectionUntil: "2026-01-20", PublishOn: "2026-02-01"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := s.SaveSecurityAnswer(ctx, past.ID, "0784", security.Answer{ModuleCode: "INF.14", ExcludedReason: "x"}); err != security.ErrClosed {
			t.Errorf("closed round: %v", err)
		}
	})
}

func mustModules(t *testing.T, s *sqlstore.Store) []security.Module {
	ms, err := s.EITSModules(context.Background(), 2023)
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

func mustAnswers(t *testing.T, s *sqlstore.Store, round int64, ehak string) []security.Answer {
	_, as, err := s.SecurityAssessment(context.Background(), round, ehak)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func TestMaturity(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, s *sqlstore.Store) {
		ctx := securityStore(t, s)
		for range 2 {
			if err := s.LoadMaturityCriteria(ctx, security.DefaultMaturityCriteria()); err != nil {
				t.Fatal(err)
			}
		}
		cs, err := s.MaturityCriteria(ctx)
		if err != nil || len(cs) != 21 {
			t.Fatalf("%d criteria %v", len(cs), err)
		}
		c := cs[0]
		c.TextEt = "Muudetud kriteerium"
		if _, err := s.UpdateMaturityCriterion(ctx, c); err != nil {
			t.Fatal(err)
		}
		c.TextEt = ""
		if _, err := s.UpdateMaturityCriterion(ctx, c); !kovit.FieldsOf(err).Has("text_et") {
			t.Errorf("an empty text: %v", err)
		}
		if err := s.LoadMaturityCriteria(ctx, security.DefaultMaturityCriteria()); err != nil {
			t.Fatal(err)
		}
		if again, _ := s.MaturityCriteria(ctx); again[0].TextEt != "Muudetud kriteerium" {
			t.Errorf("loading at start overwrote an edit: %q", again[0].TextEt)
		}
		r, err := s.CreateSecurityRound(ctx, security.Round{Title: "E-ITS", Year: 2023, Deadline: "2026-12-15", CorrectionUntil: "2026-12-20", PublishOn: "2027-01-10"})
		if err != nil {
			t.Fatal(err)
		}
		met, err := s.SetMaturityMet(ctx, r.ID, "0784", []int64{cs[1].ID, cs[0].ID, cs[0].ID})
		if err != nil || len(met) != 2 {
			t.Fatalf("met %v %v", met, err)
		}
		if _, err := s.SetMaturityMet(ctx, r.ID, "0784", []int64{999999}); !kovit.FieldsOf(err).Has("met") {
			t.Errorf("an unknown criterion: %v", err)
		}
		got, err := s.MaturityMet(ctx, r.ID, "0784")
		if err != nil || len(got) != 2 {
			t.Errorf("stored %v %v", got, err)
		}
	})
}
