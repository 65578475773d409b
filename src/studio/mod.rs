//! Studio-ready files: the Rojo project folder and its atomic writer.

pub mod model;
pub mod rojo;
pub mod writer;
