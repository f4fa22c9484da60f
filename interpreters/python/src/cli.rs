//! pyvgc `cli`: being written (issue 4).
