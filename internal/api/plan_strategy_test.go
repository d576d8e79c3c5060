package api_test

import (
	"fmt"
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"kovit/internal/auth"
	"kovit/internal/plan"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

// A strategy's level names and status list change through PATCH: a level sent alone
// leaves the others as they were; a status list sent replaces the stored one whole, so a
// status without "done" is not done whatever stood at its place before; an unused status
// can be dropped, a used one cannot; a colour must be #rrggbb. A refused body saves nothing.
func TestStrategyLevelsAndStatuses(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		var st plan.Strategy
		s.send("POST", "/api/v1/strategies", coord, `{"title_et":"Kava","start_year":2026,"end_year":2030,"status":"draft"}`, http.StatusCreated, &st)
		path := fmt.Sprintf("/api/v1/strategies/%d", st.ID)
		s.send("POST", path+"/nodes", coord, `{"kind":"activity","code":"1","title_et":"Tegevus","status":"in_progress"}`, http.StatusCreated, nil)

		// The stored list is not_started, in_progress, delayed, done, cancelled: "delayed"
		// goes, and "on_hold" takes the place where "done" stood.
		list := `[{"key":"not_started","name_et":"alustamata","name_en":"not started","colour":"#999999"},
			{"key":"in_progress","name_et":"töös","name_en":"in progress","colour":"#0072b2"},
			{"key":"done","name_et":"tehtud","name_en":"done","colour":"#009e73","done":true},
			{"key":"on_hold","name_et":"ootel","name_en":"on hold","colour":"#CC79A7"},
			{"key":"cancelled","name_et":"tühistatud","name_en":"cancelled","colour":"#666666","cancelled":true}]`
		s.send("PATCH", path, coord, `{"levels":{"task":{"et":"samm","en":"step"}},"statuses":`+list+`,"version":1}`, http.StatusOK, &st)
		wantLevels := plan.DefaultLevels()
		wantLevels.Task = plan.LevelName{Et: "samm", En: "step"}
		wantStatuses := plan.Statuses{
			{Key: "not_started", NameEt: "alustamata", NameEn: "not started", Colour: "#999999"},
			{Key: "in_progress", NameEt: "töös", NameEn: "in progress", Colour: "#0072b2"},
			{Key: "done", NameEt: "tehtud", NameEn: "done", Colour: "#009e73", Done: true},
			{Key: "on_hold", NameEt: "ootel", NameEn: "on hold", Colour: "#CC79A7"},
			{Key: "cancelled", NameEt: "tühistatud", NameEn: "cancelled", Colour: "#666666", Cancelled: true},
		}
		var got plan.Strategy
		s.get(path, coord, &got)
		if diff := cmp.Diff(wantLevels, got.Levels); diff != "" {
			t.Errorf("levels (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(wantStatuses, got.Statuses); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}

		for _, c := range []struct {
			name, body, field string
		}{
			{"drop a status in use", `{"statuses":[{"key":"done","name_et":"tehtud","colour":"#009e73","done":true}],"version":2}`, "statuses"},
			{"a colour not #rrggbb", `{"statuses":[{"key":"in_progress","name_et":"töös","colour":"blue"},{"key":"done","name_et":"tehtud","colour":"#009e73","done":true}],"version":2}`, "statuses"},
			{"a colour too short", `{"statuses":[{"key":"in_progress","name_et":"töös","colour":"#09f"},{"key":"done","name_et":"tehtud","colour":"#009e73","done":true}],"version":2}`, "statuses"},
			{"a key with capitals", `{"statuses":[{"key":"in_progress","name_et":"töös","colour":"#0072b2"},{"key":"Valmis","name_et":"valmis","colour":"#009e73","done":true}],"version":2}`, "statuses"},
			{"a level without its Estonian name", `{"levels":{"goal":{"et":"","en":"aim"}},"version":2}`, "levels.goal"},
		} {
			p := s.do(req{method: "PATCH", path: path, token: coord, body: c.body}).problem(t, http.StatusUnprocessableEntity)
			if fields := p.fields(); len(fields) != 1 || fields[0] != c.field {
				t.Errorf("%s: fields %v, want %s", c.name, fields, c.field)
			}
		}
		var after plan.Strategy
		s.get(path, coord, &after)
		if after.Version != 2 || !cmp.Equal(after.Statuses, got.Statuses) || after.Levels != got.Levels {
			t.Errorf("a refused PATCH changed the strategy: %+v", after)
		}
	})
}
