//! The `asterisk` adapter: the Manager Interface over Asterisk's HTTP server.
