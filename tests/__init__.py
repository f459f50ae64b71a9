import os

# xlwings reads its license key when it is imported. The literal key
# "noncommercial" is allowed in this project's tests only, to drive the real
# xlwings Range API through its remote engine; production code uses
# open-source xlwings alone.
os.environ.setdefault("XLWINGS_LICENSE_KEY", "noncommercial")
