package auth

// CanComment lets any signed-in, active account ask to comment on a consultation, a
// public commenter (commenter.go) too, who reads nothing internal; CommentAs then says
// for whom they speak and whether the comment waits for moderation.
func CanComment(u *User) error { return require(u, true) }
