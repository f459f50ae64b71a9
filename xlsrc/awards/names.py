"""File names of the decision and certificate templates."""
DECISION = "quyet_dinh.docx"
CERTIFICATE = "giay_khen.docx"
