package api_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"kovit/internal/advice"
	"kovit/internal/api"
	"kovit/internal/auth"
	"kovit/internal/sqlstore"
	"kovit/internal/sqlstore/sqlstoretest"
)

func TestOpenAPIAdviceSchemasMatchGoTypes(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"Inquiry": advice.Inquiry{}, "Span": advice.Span{}, "Clock": advice.Clock{}, "InquiryDetail": api.InquiryDetail{},
		"InquiryMove": advice.Move{}, "InquiryStat": advice.Stat{}, "Entry": advice.Entry{},
	})
}

// A municipality asks, the association answers, the answer becomes an entry: each step by
// whom the policy allows, and nobody else sees the question or the draft.
func TestAdviceAPI(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, tartu := s.user(auth.RoleEditor, "0793")
		_, tallinn := s.user(auth.RoleEditor, "0784")
		_, reader := s.user(auth.RoleReader, "")
		_, coord := s.user(auth.RoleCoordinator, "")
		ask := `{"municipality_ehak":"0793","topic":"systems","subject":"X-tee liitumine","question":"Kuidas liituda?"}`
		if r := s.do(req{method: "POST", path: "/api/v1/inquiries", token: tallinn, body: ask}); r.status != http.StatusForbidden {
			t.Errorf("Tallinn asks for Tartu: %d", r.status)
		}
		if r := s.do(req{method: "POST", path: "/api/v1/inquiries", token: tartu, body: `{"municipality_ehak":"0793","topic":"weather"}`}); r.status != http.StatusUnprocessableEntity {
			t.Errorf("bad question: %d %s", r.status, r.body)
		}
		r := s.do(req{method: "POST", path: "/api/v1/inquiries", token: tartu, body: ask})
		if r.status != http.StatusCreated {
			t.Fatalf("ask: %d %s", r.status, r.body)
		}
		var q advice.Inquiry
		r.decode(t, &q)
		path := fmt.Sprintf("/api/v1/inquiries/%d", q.ID)
		for name, tok := range map[string]string{"Tallinn": tallinn, "a reader": reader, "the public": ""} {
			if r := s.do(req{path: path, token: tok}); r.status < 401 || r.status > 404 {
				t.Errorf("%s reads Tartu's question: %d", name, r.status)
			}
			var list struct{ Total int }
			if r := s.do(req{path: "/api/v1/inquiries", token: tok}); r.status == http.StatusOK {
				r.decode(t, &list)
				if list.Total != 0 {
					t.Errorf("%s lists Tartu's question", name)
				}
			}
		}
		answer := fmt.Sprintf(`{"to":"answered","answer":"Tartu linn liitub RIA kaudu.","version":%d}`, q.Version)
		if r := s.do(req{method: "POST", path: path + "/move", token: tartu, body: answer}); r.status != http.StatusForbidden {
			t.Errorf("the municipality answers its own question: %d", r.status)
		}
		if r := s.do(req{method: "POST", path: path + "/move", token: coord, body: answer}); r.status != http.StatusOK {
			t.Fatalf("answer: %d %s", r.status, r.body)
		}
		var d api.InquiryDetail
		s.do(req{path: path, token: tartu}).decode(t, &d)
		if d.Inquiry.State != advice.Answered || d.Clock.Running || d.Clock.Target != 5 {
			t.Errorf("answered: %+v", d)
		}
		close := `{"to":"closed","version":2}`
		if r := s.do(req{method: "POST", path: path + "/move", token: tartu, body: close}); r.status != http.StatusOK {
			t.Errorf("Tartu closes: %d %s", r.status, r.body)
		}
		var stats struct{ Items []advice.Stat }
		s.do(req{path: "/api/v1/inquiries/stats", token: reader}).decode(t, &stats)
		if len(stats.Items) != 2 || stats.Items[1].Answered != 1 {
			t.Errorf("stats %+v", stats)
		}
		entry := fmt.Sprintf(`{"title":"X-tee liitumine","answer":"[KOV] liitub RIA kaudu.","topic":"systems","tags":["RIHA: X-tee"],"inquiry_id":%d}`, q.ID)
		if r := s.do(req{method: "POST", path: "/api/v1/kb", token: tartu, body: entry}); r.status != http.StatusForbidden {
			t.Errorf("an editor writes the knowledge base: %d", r.status)
		}
		r = s.do(req{method: "POST", path: "/api/v1/kb", token: coord, body: entry})
		if r.status != http.StatusCreated {
			t.Fatalf("entry: %d %s", r.status, r.body)
		}
		var e advice.Entry
		r.decode(t, &e)
		kb := fmt.Sprintf("/api/v1/kb/%d", e.ID)
		if r := s.do(req{path: kb, token: tartu}); r.status != http.StatusForbidden {
			t.Errorf("an editor reads a draft: %d", r.status)
		}
		if r := s.do(req{path: kb}); r.status != http.StatusNotFound {
			t.Errorf("the public reads a draft: %d", r.status)
		}
		if r := s.do(req{method: "PATCH", path: kb, token: coord, body: `{"visibility":"public","version":1}`}); r.status != http.StatusOK {
			t.Fatalf("publish: %d %s", r.status, r.body)
		}
		var pub advice.Entry
		s.do(req{path: kb}).decode(t, &pub)
		if pub.InquiryID != nil || pub.Visibility != advice.Public {
			t.Errorf("the public reads %+v, want no link to the question", pub)
		}
		var found struct {
			Items []advice.Entry
			Total int
		}
		s.do(req{path: "/api/v1/kb?q=liitumist"}).decode(t, &found)
		if found.Total != 1 {
			t.Errorf("search by another form: %+v", found)
		}
		if r := s.do(req{path: "/api/v1/kb?visibility=secret"}); r.status != http.StatusUnprocessableEntity {
			t.Errorf("bad visibility: %d", r.status)
		}
	})
}

func TestOpenAPIRoundSchemasMatchGoTypes(t *testing.T) {
	doc, _ := fetchOpenAPI(t)
	checkSchemas(t, doc, map[string]any{
		"CommentRound": advice.Round{}, "Section": advice.Section{}, "RoundComment": advice.Comment{}, "RoundResponse": advice.Response{},
		"BoardRow": advice.BoardRow{}, "PositionPoint": advice.Point{}, "Decision": advice.Decision{}, "RoundView": api.RoundView{},
		"PositionView": api.PositionView{}, "ResponseRequest": api.ResponseRequest{}, "DispositionsRequest": api.DispositionsRequest{},
		"DispositionInput": api.DispositionInput{},
	})
}

// A round through the API: the internal deadline is computed on opening and on a change
// of the ministry's deadline, the sections stay, and a reader has no part in the position.
func TestCommentRoundAPI(t *testing.T) {
	sqlstoretest.Each(t, func(t *testing.T, store *sqlstore.Store) {
		s := newServer(t, store)
		_, coord := s.user(auth.RoleCoordinator, "")
		_, tartu := s.user(auth.RoleEditor, "0793")
		_, reader := s.user(auth.RoleReader, "")
		r := s.do(req{method: "POST", path: "/api/v1/comment-rounds", token: coord,
			body: `{"title":"Eelnõu","ministry":"RaM","received_on":"2026-03-20","ministry_deadline":"2026-04-10","internal_deadline":"2030-01-01","public":true,"sections":[{"heading":"§ 1"}]}`})
		if r.status != http.StatusCreated {
			t.Fatalf("open: %d %s", r.status, r.body)
		}
		var rd advice.Round
		r.decode(t, &rd)
		if rd.InternalDeadline != "2026-04-02" {
			t.Errorf("internal deadline %s, want 2026-04-02", rd.InternalDeadline)
		}
		path := fmt.Sprintf("/api/v1/comment-rounds/%d", rd.ID)
		r = s.do(req{method: "PATCH", path: path, token: coord, body: `{"ministry_deadline":"2026-04-17","version":1}`})
		r.decode(t, &rd)
		if r.status != http.StatusOK || rd.InternalDeadline != "2026-04-10" {
			t.Errorf("patch: %d %+v", r.status, rd)
		}
		if r := s.do(req{method: "PATCH", path: path, token: coord, body: `{"sections":[],"version":2}`}); r.status != http.StatusUnprocessableEntity {
			t.Errorf("sections changed: %d", r.status)
		}
		if r := s.do(req{method: "POST", path: path + "/comments", token: tartu, body: `{"municipality_ehak":"0793","body":"Märkus"}`}); r.status != http.StatusCreated {
			t.Errorf("comment: %d %s", r.status, r.body)
		}
		var pos api.PositionView
		if r := s.do(req{path: fmt.Sprintf("/api/v1/positions/%d", rd.ID), token: tartu}); r.status != http.StatusOK {
			t.Errorf("Tartu's position: %d", r.status)
		} else if r.decode(t, &pos); len(pos.Comments) != 1 {
			t.Errorf("Tartu sees %d comments", len(pos.Comments))
		}
		if r := s.do(req{path: fmt.Sprintf("/api/v1/positions/%d", rd.ID), token: reader}); r.status != http.StatusForbidden {
			t.Errorf("a reader reads the position: %d", r.status)
		}
		if r := s.do(req{method: "PUT", path: fmt.Sprintf("/api/v1/positions/%d/dispositions", rd.ID), token: coord,
			body: `{"rows":[{"number":1,"disposition":"accepted"}]}`}); r.status != http.StatusUnprocessableEntity || !strings.Contains(string(r.body), "rows[0].number") {
			t.Errorf("a disposition of no point: %d %s", r.status, r.body)
		}
	})
}
