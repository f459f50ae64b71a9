"""thidua — công cụ thi đua, khen thưởng chạy trong Excel (xlwings) và dòng lệnh."""
__version__ = "0.1.0"
