// Package kovit holds what every module shares: the domain error codes and field-level
// validation problems that the HTML and JSON surfaces turn into status codes and messages.
package kovit

import (
	"errors"
	"fmt"
	"net/http"
)

// Code is one of a small set of error kinds; each maps to exactly one HTTP status.
type Code string

const (
	EInvalid      Code = "invalid"
	ENotFound     Code = "not_found"
	EConflict     Code = "conflict"
	EForbidden    Code = "forbidden"
	EUnauthorized Code = "unauthorized"
	ETooMany      Code = "too_many_requests"
	ETooLarge     Code = "too_large"
	EInternal     Code = "internal"
)

// statusByCode is the one table from error code to HTTP status. It lives here, beside the
// codes, so the web and api surfaces cannot disagree about it.
var statusByCode = map[Code]int{
	EInvalid:      http.StatusUnprocessableEntity,
	ENotFound:     http.StatusNotFound,
	EConflict:     http.StatusConflict,
	EForbidden:    http.StatusForbidden,
	EUnauthorized: http.StatusUnauthorized,
	ETooMany:      http.StatusTooManyRequests,
	ETooLarge:     http.StatusRequestEntityTooLarge,
	EInternal:     http.StatusInternalServerError,
}

// Error is an error a user may see. Key is a translation key for the message; Fields lists
// the bad fields of an invalid request.
type Error struct {
	Code   Code
	Key    string
	Fields []FieldError
}

// FieldError names one bad field and the translation key of what is wrong with it.
type FieldError struct {
	Field string `json:"field"`
	Key   string `json:"key"`
}

func (e *Error) Error() string {
	if len(e.Fields) > 0 {
		return fmt.Sprintf("%s: %s %v", e.Code, e.Key, e.Fields)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Key)
}

// Errorf returns an error of the given code with a translatable message key.
func Errorf(code Code, key string) *Error { return &Error{Code: code, Key: key} }

// NotFound is the error for a record that does not exist.
func NotFound() *Error { return Errorf(ENotFound, "error.not_found") }

// Conflict is the error for a save based on an outdated version of a record.
func Conflict() *Error { return Errorf(EConflict, "error.conflict") }

// Forbidden is the error for a signed-in user acting outside their rights.
func Forbidden() *Error { return Errorf(EForbidden, "error.forbidden") }

// Unauthorized is the error for an anonymous user asking for something that needs sign-in.
func Unauthorized() *Error { return Errorf(EUnauthorized, "error.unauthorized") }

// ErrorCode returns the code of err: "" for nil, EInternal for errors that are not *Error.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// AsError returns err as *Error, or nil when it is an internal error.
func AsError(err error) *Error {
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	return nil
}

// StatusCode maps an error to its HTTP status.
func StatusCode(err error) int { return statusByCode[ErrorCode(err)] }

// Problems collects field errors while validating a whole input, so a user sees every bad
// field at once instead of one per attempt.
type Problems []FieldError

// Add records that field is wrong, with key saying how.
func (p *Problems) Add(field, key string) { *p = append(*p, FieldError{Field: field, Key: key}) }

// Err returns nil when nothing was added, or an invalid error listing every problem.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &Error{Code: EInvalid, Key: "error.invalid", Fields: p}
}

// Has reports whether field has a problem; templates use it to mark inputs.
func (p Problems) Has(field string) bool {
	for _, f := range p {
		if f.Field == field {
			return true
		}
	}
	return false
}

// FieldsOf returns the field problems of err, if it is an invalid error.
func FieldsOf(err error) Problems {
	if e := AsError(err); e != nil {
		return e.Fields
	}
	return nil
}
