//! pyvgc `frontend`: being written (issue 4).
