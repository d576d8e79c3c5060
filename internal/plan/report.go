package plan

import (
	"context"
	"strings"
	"time"

	"kovit/internal/kovit"
)

// ReportStatus is where a periodic report is in its life. There is no way back from
// complete: a report once handed in must read the same ever after, so a correction is a
// new report.
type ReportStatus string

const (
	ReportOpen     ReportStatus = "open"
	ReportComplete ReportStatus = "complete"
)

// Report is a periodic report on a strategy, e.g. "2026. aasta aruanne". While open it
// shows the plan as it is now; completing it freezes that state into Frozen for good.
type Report struct {
	ID          int64        `json:"id"`
	StrategyID  int64        `json:"strategy_id"`
	TitleEt     string       `json:"title_et"`
	TitleEn     string       `json:"title_en"`
	PeriodStart time.Time    `json:"period_start"`
	PeriodEnd   time.Time    `json:"period_end"`
	Status      ReportStatus `json:"status"`
	// Frozen is the state the report keeps once complete; lists leave it out.
	Frozen      *Snapshot  `json:"frozen,omitempty"`
	CompletedAt *time.Time `json:"completed_at"`
	CompletedBy string     `json:"completed_by"`
	CreatedBy   string     `json:"created_by"`
	Version     int        `json:"version"`
	CreatedAt   time.Time  `json:"created_at"`
	UpdatedAt   time.Time  `json:"updated_at"`
}

// Title returns the report's title in lang; en reports that the English one stands in.
func (r Report) Title(lang string) (title string, en bool) { return pick(lang, r.TitleEt, r.TitleEn) }

// Validate checks the fields a coordinator enters when opening a report.
func (r Report) Validate() error {
	var p kovit.Problems
	if strings.TrimSpace(r.TitleEt) == "" {
		p.Add("title_et", "error.required")
	}
	textLimits(&p, 300, "title_et", r.TitleEt, "title_en", r.TitleEn)
	if !kovit.ValidDate(r.PeriodStart) {
		p.Add("period_start", "error.date")
	}
	if !kovit.ValidDate(r.PeriodEnd) {
		p.Add("period_end", "error.date")
	} else if !r.PeriodStart.IsZero() && r.PeriodEnd.Before(r.PeriodStart) {
		p.Add("period_end", "error.until_before_since")
	}
	if r.Version < 0 {
		p.Add("version", "error.version")
	}
	return p.Err()
}

// ReportFilter selects reports; empty fields do not filter.
type ReportFilter struct {
	StrategyID int64
	// PublicOnly keeps only reports of adopted and archived strategies, for the public.
	PublicOnly bool
	// EditorOf leaves out the reports of other municipalities' draft plans, as
	// StrategyFilter.EditorOf does.
	EditorOf []string
	Limit    int
	Offset   int
}

// Validate checks the filter and fills the default page size.
func (f *ReportFilter) Validate() error {
	var p kovit.Problems
	kovit.CheckPage(&p, &f.Limit, f.Offset, 100)
	if f.StrategyID < 0 {
		p.Add("strategy", "error.number")
	}
	return p.Err()
}

// ReportStore keeps progress updates and periodic reports; Store includes it.
type ReportStore interface {
	ProgressUpdates(ctx context.Context, activityID int64) ([]ProgressUpdate, error)
	ProgressUpdate(ctx context.Context, id int64) (ProgressUpdate, error)
	// PostProgressUpdate stores a new update by the user of ctx.
	PostProgressUpdate(ctx context.Context, u ProgressUpdate) (ProgressUpdate, error)
	// EditProgressUpdate changes an update's body and date; its author stays.
	EditProgressUpdate(ctx context.Context, u ProgressUpdate) (ProgressUpdate, error)
	DeleteProgressUpdate(ctx context.Context, id int64, version int) error

	ListReports(ctx context.Context, f ReportFilter) ([]Report, int, error)
	// Report loads a report with its frozen state, if complete.
	Report(ctx context.Context, id int64) (Report, error)
	OpenReport(ctx context.Context, r Report) (Report, error)
	// CompleteReport freezes the strategy's state into the report in one transaction;
	// completing a complete report is a conflict.
	CompleteReport(ctx context.Context, id int64, version int) (Report, error)
	// DeleteReport removes an open report; a complete one is kept for good.
	DeleteReport(ctx context.Context, id int64, version int) error
	// LiveSnapshot is the state a report of the strategy would freeze now, for the period
	// ending on until.
	LiveSnapshot(ctx context.Context, strategyID int64, until time.Time) (Snapshot, error)
}
