//! pyvgc `compiler`: being written (issue 4).
