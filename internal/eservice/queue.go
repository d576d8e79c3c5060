package eservice

// QueueFilter chooses the cells of a coordinator's verification queue (Store.VerificationQueue).
type QueueFilter struct {
	Area   string // a service area; "" for every area
	County string // a county's code: its municipalities' cells only; "" for every county
	Limit  int    // at most this many cells; the count is of them all
}
