//! The command line's subcommands, one module each (this file is the
//! minimal dispatch until the full CLI lands; `eval` plugs into it as is).

pub mod eval;
