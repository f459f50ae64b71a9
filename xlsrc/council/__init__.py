"""Hội đồng Thi đua – Khen thưởng: its members, meetings (quorum) and the
votes on each proposal, judged against thresholds kept as data with their
basis (issue 20)."""
