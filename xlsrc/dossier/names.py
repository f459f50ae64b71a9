"""File names of the dossier templates (templates/)."""
TO_TRINH = "to_trinh.docx"
DANH_SACH = "danh_sach_de_nghi.docx"
BIEN_BAN = "bien_ban_hoi_dong.docx"
BAO_CAO = "bao_cao_thanh_tich.docx"
DANH_MUC = "danh_muc_ho_so.docx"
PHIEU_BAU = "phieu_bau.docx"
ALL = (TO_TRINH, DANH_SACH, BIEN_BAN, BAO_CAO, DANH_MUC, PHIEU_BAU)
