package consult

import "context"

// Store is what the module needs from storage. Every change is audited and takes the user
// from the context; permissions are the caller's to check (auth's policy), not the
// store's. Consultations and comments carry a version: a save based on an older one
// fails with kovit.EConflict and the first save stays.
type Store interface {
	// ListConsultations returns the consultations f selects, newest first, and how many
	// match in all.
	ListConsultations(ctx context.Context, f Filter) ([]Consultation, int, error)
	Consultation(ctx context.Context, id int64) (Consultation, error)
	// CreateConsultation stores a draft consultation with its document's first version.
	CreateConsultation(ctx context.Context, c Consultation, first DocVersion) (Consultation, error)
	// UpdateConsultation changes the title, summary, dates and public comments; the phase
	// changes only through MoveConsultation. A concluded consultation is final.
	UpdateConsultation(ctx context.Context, c Consultation) (Consultation, error)
	// MoveConsultation changes the phase (Move.Check); opening tells every
	// municipality's editors.
	MoveConsultation(ctx context.Context, id int64, m Move) (Consultation, error)

	// DocVersions lists the document's versions with their sections, oldest first.
	DocVersions(ctx context.Context, consultationID int64) ([]DocVersion, error)
	// AddDocVersion publishes the next version; its sections take their keys from the
	// last version (Keyed). consultationVersion is the consultation's version read.
	AddDocVersion(ctx context.Context, consultationID int64, v DocVersion, consultationVersion int) (DocVersion, error)

	// Comments lists comments f selects, oldest first, and how many match in all.
	Comments(ctx context.Context, f CommentFilter) ([]Comment, int, error)
	Comment(ctx context.Context, id int64) (Comment, error)
	// SectionCounts counts the published comments of each section key.
	SectionCounts(ctx context.Context, consultationID int64) (map[string]int, error)
	// AddConsultationComment stores a comment on the consultation's latest version, published or
	// waiting for moderation as its Status says, within its author's rate limit
	// (PerHour), refused with kovit.ETooMany past it.
	AddConsultationComment(ctx context.Context, c Comment) (Comment, error)
	ModerateComment(ctx context.Context, id int64, m Moderation) (Comment, error)
	// DisposeComment records the association's response; the author hears of it.
	DisposeComment(ctx context.Context, id int64, d Disposition) (Comment, error)
}
