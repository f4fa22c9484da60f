//! pyvgc `runtime`: being written (issue 4).
