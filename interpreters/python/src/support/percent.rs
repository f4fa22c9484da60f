//! pyvgc support: being written (issue 4).
