// Package audit is the trail of every create, update and delete in kovit: who changed
// which record when, with the record before and after.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	"kovit/internal/kovit"
)

// Actions recorded.
const (
	Create = "create"
	Update = "update"
	Delete = "delete"
)

// The kinds of record the trail is about, as Event.Entity and audit_events.entity name
// them. Every surface that asks the trail for a kind, or tells kinds apart, names it by
// these, and the store writes them: one list.
const (
	KindAPIToken           = "api_token"
	KindConsolidatedNeed   = "consolidated_need"
	KindCounty             = "county"
	KindCriterion          = "criterion"
	KindEITSMeasures       = "eits_measures"
	KindIndicator          = "indicator"
	KindMeasure            = "measure"
	KindMaturityCriterion  = "maturity_criterion"
	KindMaturityMet        = "maturity_met"
	KindMeasurement        = "measurement"
	KindMunicipality       = "municipality"
	KindNeed               = "need"
	KindNeedEndorsement    = "need_endorsement"
	KindNeedProject        = "need_project"
	KindNeedRound          = "need_round"
	KindNeedSuggestion     = "need_suggestion"
	KindNeedWeights        = "need_weights"
	KindOrganisation       = "organisation"
	KindParticipant        = "participant"
	KindPlanNode           = "plan_node"
	KindProgressUpdate     = "progress_update"
	KindReport             = "report"
	KindSecurityAnswer     = "security_answer"
	KindSecurityAssessment = "security_assessment"
	KindSecurityRound      = "security_round"
	KindService            = "service"
	KindServiceCell        = "service_cell"
	KindStrategy           = "strategy"
	KindTask               = "task"
	KindUser               = "user"
	// Advice and representation (issue 15).
	KindInquiry      = "inquiry"
	KindKBEntry      = "kb_entry"
	KindCommentRound = "comment_round"
	KindRoundComment = "round_comment"
	KindPosition     = "position_point"
)

// SystemActor is the name stored as the author of what nobody signed in did (start-up, the
// monthly snapshot); pages show it translated.
const SystemActor = "system"

// Event is one change to one record.
type Event struct {
	ID        int64           `json:"id"`
	At        time.Time       `json:"at"`
	ActorID   *int64          `json:"actor_id"`
	ActorName string          `json:"actor_name"`
	Entity    string          `json:"entity"`
	EntityID  string          `json:"entity_id"`
	Action    string          `json:"action"`
	Before    json.RawMessage `json:"before"`
	After     json.RawMessage `json:"after"`
}

// Filter selects events; zero fields do not filter.
type Filter struct {
	Entity   string
	EntityID string
	Action   string
	ActorID  int64
	Since    time.Time
	Until    time.Time
	Limit    int
	Offset   int
}

// Validate checks the filter and fills the default page size.
func (f *Filter) Validate() error {
	var p kovit.Problems
	switch f.Action {
	case "", Create, Update, Delete:
	default:
		p.Add("action", "error.action")
	}
	kovit.CheckPage(&p, &f.Limit, f.Offset, 50)
	if !f.Since.IsZero() && !f.Until.IsZero() && f.Until.Before(f.Since) {
		p.Add("until", "error.until_before_since")
	}
	return p.Err()
}

// MaxRecent bounds one RecentEvents call, and RecentWindow how far back it looks: the
// newest events of the trail, however many of them the entities leave out, so that a
// long run of other changes (an import, the system's loading) cannot make it slow.
const (
	MaxRecent    = 500
	RecentWindow = 2000
)

// Store is what the audit trail needs from storage; writing events happens inside each
// module's own store transaction so a change and its record land together or not at all.
type Store interface {
	ListEvents(ctx context.Context, f Filter) ([]Event, int, error)
	// RecentEvents lists up to limit events about the given entities made by a user (not
	// the system loading reference data or running a job), newest first, of those older
	// than event beforeID (0: from the newest) among the newest RecentWindow events. It
	// counts no total, so it stays fast on a long trail.
	RecentEvents(ctx context.Context, entities []string, beforeID int64, limit int) ([]Event, error)
}

// Change is one field that an event changed, as shown in a record's history.
type Change struct {
	Field  string
	Before string
	After  string
}

// Changes lists the top-level fields that differ between the before and after snapshots,
// in field-name order.
func (e Event) Changes() []Change {
	before, after := flatten(e.Before), flatten(e.After)
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []Change
	for k := range keys {
		if before[k] != after[k] && k != "version" && k != "updated_at" {
			out = append(out, Change{Field: k, Before: before[k], After: after[k]})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// flatten turns a JSON object into field → text, with nested objects as "a.b".
func flatten(raw json.RawMessage) map[string]string {
	out := map[string]string{}
	if len(raw) == 0 {
		return out
	}
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return out
	}
	var walk func(prefix string, m map[string]any)
	walk = func(prefix string, m map[string]any) {
		for k, v := range m {
			switch v := v.(type) {
			case map[string]any:
				walk(prefix+k+".", v)
			case nil:
				out[prefix+k] = ""
			case string:
				out[prefix+k] = v
			default:
				out[prefix+k] = fmt.Sprint(v)
			}
		}
	}
	walk("", m)
	return out
}
