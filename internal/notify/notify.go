// Package notify is kovit's notifications: the kinds of event a person can hear of, how
// each reaches them by default, who receives an event, and the mail that carries them.
// The store writes a notification per recipient in the transaction that makes the change;
// one scheduled job mails them (internal/jobs), and the in-app list reads the same rows.
package notify

import (
	"context"
	"slices"
	"strings"
	"time"

	"kovit/internal/audit"
	"kovit/internal/kovit"
)

// Kind is a kind of event. A later module adds its kinds to Kinds.
type Kind string

const (
	CellReturned  Kind = "cell_returned"
	CellVerified  Kind = "cell_verified"
	NeedReturned  Kind = "need_returned"
	NeedAccepted  Kind = "need_accepted"
	NeedRejected  Kind = "need_rejected"
	NeedDuplicate Kind = "need_duplicate"
	NeedFunded    Kind = "need_funded"
	RoundClosing7 Kind = "round_closing_7"
	RoundOpened   Kind = "round_opened"
	RoundClosing1 Kind = "round_closing_1"
	// Made a contact person of an activity: the action plan's assignment (tasks have
	// no assignee).
	ActivityContact Kind = "activity_contact"
	ReportOpened    Kind = "report_opened"
	// A municipality's part of a joint activity.
	PartOverdue Kind = "activity_part_overdue"
	PartDue7    Kind = "activity_part_due_7"
	// Named in a progress update (plan.Mentioned) by someone else.
	ProgressMention Kind = "progress_mention"
	// Given a task of an activity one is a contact person of.
	TaskAssigned Kind = "task_assigned"
	// The security self-assessment (issue 14): a round opened, and closing in 7 days.
	SecurityRoundOpened   Kind = "security_round_opened"
	SecurityRoundClosing7 Kind = "security_round_closing_7"
	// Advice and representation (issue 15): a municipality's question answered or asked
	// back; a round of comment on a state draft opened, closing, and its outcome.
	InquiryAnswered    Kind = "inquiry_answered"
	InquiryAskedBack   Kind = "inquiry_asked_back"
	CommentRoundOpened Kind = "comment_round_opened"
	CommentReminder    Kind = "comment_round_reminder"
	CommentOutcome     Kind = "comment_outcome"
	// Consultations (issue 16): one opened for comments; the response to one's comment.
	ConsultationOpened Kind = "consultation_opened"
	CommentDisposed    Kind = "comment_disposed"
	// Surveys (issue 16): a municipality's official response is still due.
	SurveyDue Kind = "survey_due"
	// An advisory about a solution version the municipality runs (issue 13).
	LandscapeAdvisory Kind = "landscape_advisory"
)

// Delivery is how a person hears of a kind: a mail at once, in a digest, or only in the
// in-app list.
type Delivery string

const (
	Immediate Delivery = "immediate"
	Daily     Delivery = "daily"
	Weekly    Delivery = "weekly"
	Never     Delivery = "never"
)

// Deliveries lists the choices in the order the settings page offers them.
var Deliveries = []Delivery{Immediate, Daily, Weekly, Never}

// Valid reports whether d is one of Deliveries.
func (d Delivery) Valid() bool { return slices.Contains(Deliveries, d) }

// KindInfo is a kind with its default delivery: what is sent back to a person or handed
// to them comes at once, the rest in the weekly digest.
type KindInfo struct {
	Kind    Kind
	Default Delivery
}

// Kinds is every kind of event, in the order the settings page lists them.
var Kinds = []KindInfo{
	{CellReturned, Immediate},
	{CellVerified, Weekly},
	{NeedReturned, Immediate},
	{NeedAccepted, Weekly},
	{NeedRejected, Weekly},
	{NeedDuplicate, Weekly},
	{NeedFunded, Weekly},
	{RoundOpened, Weekly},
	{RoundClosing7, Weekly},
	{RoundClosing1, Immediate},
	{ActivityContact, Immediate},
	{ReportOpened, Weekly},
	{PartOverdue, Weekly},
	{PartDue7, Weekly},
	{ProgressMention, Immediate},
	{TaskAssigned, Immediate},
	{SecurityRoundOpened, Weekly},
	{SecurityRoundClosing7, Immediate},
	{InquiryAnswered, Immediate},
	{InquiryAskedBack, Immediate},
	{CommentRoundOpened, Immediate},
	{CommentReminder, Immediate},
	{CommentOutcome, Weekly},
	{ConsultationOpened, Weekly},
	{CommentDisposed, Immediate},
	{SurveyDue, Immediate},
	{LandscapeAdvisory, Immediate},
	{TrainingExpiring, Weekly},
}

// Known reports whether k is one of Kinds.
func (k Kind) Known() bool {
	return slices.ContainsFunc(Kinds, func(i KindInfo) bool { return i.Kind == k })
}

// Prefs are a user's choices by kind; a kind not chosen has its default.
type Prefs map[Kind]Delivery

// For is how the user hears of k.
func (p Prefs) For(k Kind) Delivery {
	if d, ok := p[k]; ok {
		return d
	}
	for _, i := range Kinds {
		if i.Kind == k {
			return i.Default
		}
	}
	return Never
}

// Settings are a user's notification settings.
type Settings struct {
	Lang  string `json:"lang"` // "et" or "en": the language of their mail
	Prefs Prefs  `json:"deliveries"`
}

// Validate checks every choice; bad ones are named by their field.
func (s Settings) Validate() error {
	var p kovit.Problems
	if s.Lang != "et" && s.Lang != "en" {
		p.Add("lang", "notify.error.lang")
	}
	for k, d := range s.Prefs {
		if !k.Known() {
			p.Add("deliveries."+string(k), "notify.error.kind")
		} else if !d.Valid() {
			p.Add("deliveries."+string(k), "notify.error.delivery")
		}
	}
	return p.Err()
}

// Event is something that happened, to be heard of by its audience.
type Event struct {
	Kind Kind
	// Entity and EntityID name what it is about, as the audit trail names records
	// (need 12, service_cell 0793/S01, need_round 3).
	Entity, EntityID string
	// Municipality is the EHAK whose active editors hear of it, or EveryMunicipality.
	Municipality string
	// Users, when set instead, are the ones who hear of it.
	Users []int64
	// Title and Reason are shown in the list and the mail: what it is, and why (a return's
	// reason).
	Title, Reason string
	// Key, when set, makes the event once per recipient: a scheduled job that emits it
	// again emits nothing.
	Key string
}

// EveryMunicipality as an Event's Municipality tells the editors of every municipality.
const EveryMunicipality = "*"

// Notification is one event for one recipient: a row of the outbox and of the in-app list.
type Notification struct {
	ID        int64      `json:"id"`
	UserID    int64      `json:"-"`
	Kind      Kind       `json:"kind"`
	Entity    string     `json:"entity"`
	EntityID  string     `json:"entity_id"`
	Title     string     `json:"title"`
	Reason    string     `json:"reason"`
	Delivery  Delivery   `json:"delivery"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at"`
}

// EntityPart is what a notification about a municipality's part of a joint activity is
// about ("activity id/EHAK"); every other entity is an audit kind (audit.Kind…).
const EntityPart = "plan_participant"

// Path is the page a notification is about.
func (n Notification) Path() string {
	switch n.Entity {
	case audit.KindNeed:
		return "/needs/" + n.EntityID
	case audit.KindServiceCell:
		return "/eservices/" + n.EntityID
	case audit.KindNeedRound:
		return "/rounds/" + n.EntityID
	case EntityPart, audit.KindPlanNode:
		activity, _, _ := strings.Cut(n.EntityID, "/")
		return "/plan/activities/" + activity
	case audit.KindReport:
		return "/plan/reports/" + n.EntityID
	case audit.KindSecurityRound:
		return "/security/rounds/" + n.EntityID
	case audit.KindInquiry:
		return "/inquiries/" + n.EntityID
	case audit.KindCommentRound:
		return "/comment-rounds/" + n.EntityID
	case audit.KindConsultation:
		return "/consultations/" + n.EntityID
	case audit.KindConsultationComment:
		consultation, comment, _ := strings.Cut(n.EntityID, "/")
		return "/consultations/" + consultation + "/comments#c" + comment
	case audit.KindSurvey:
		return "/surveys/" + n.EntityID
	case audit.KindAdvisory:
		return "/advisories/" + n.EntityID
	case audit.KindTrainingRecord:
		ehak, _, _ := strings.Cut(n.EntityID, "/")
		return "/municipalities/" + ehak + "/training#expiring"
	}
	return "/notifications"
}

// Store keeps notifications and settings.
type Store interface {
	// Notifications lists a user's notifications, newest first, with their total and how
	// many are unread.
	Notifications(ctx context.Context, userID int64, limit, offset int) (items []Notification, total, unread int, err error)
	UnreadNotifications(ctx context.Context, userID int64) (int, error)
	// MarkNotificationsRead marks the user's notifications with these ids read (all when
	// ids is empty).
	MarkNotificationsRead(ctx context.Context, userID int64, ids []int64) error
	NotificationSettings(ctx context.Context, userID int64) (Settings, error)
	SetNotificationSettings(ctx context.Context, userID int64, s Settings) error
	// Emit writes ev for its audience in a transaction of its own (for scheduled events).
	Emit(ctx context.Context, evs []Event) error
	// MailDue lists the users with notifications of delivery d made before the given time
	// and not yet mailed.
	MailDue(ctx context.Context, d Delivery, before time.Time) ([]int64, error)
	// ClaimMail marks those notifications of the user mailed and returns them, in one
	// transaction, so two senders never mail one twice.
	ClaimMail(ctx context.Context, userID int64, d Delivery, before, at time.Time) ([]Notification, error)
	// ReleaseMail undoes a claim made at at whose mail did not go, so it is tried again.
	ReleaseMail(ctx context.Context, ids []int64, at time.Time) error
}

// Full is s with every kind's delivery filled in, defaults included, as the settings
// show them.
func (s Settings) Full() Settings {
	out := Settings{Lang: s.Lang, Prefs: Prefs{}}
	for _, k := range Kinds {
		out.Prefs[k.Kind] = s.Prefs.For(k.Kind)
	}
	return out
}
