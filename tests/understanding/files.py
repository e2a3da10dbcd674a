"""The corpus files by number, and the project folder, for the understanding tests."""

from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
FILE_000 = "000_a326a7c91818490c.txt"
FILE_001 = "001_f78f01ac8dc70682.txt"
FILE_002 = "002_78da4e83f284eb3d.txt"
FILE_003 = "003_70cb70f59abb1393.txt"
FILE_004 = "004_d9643f6566d7e10e.txt"
