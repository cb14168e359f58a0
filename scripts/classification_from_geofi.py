"""Write surveyapp/data/municipalities_<year>.csv and municipality_mergers.csv from the R packages
that carry Statistics Finland's classifications (see surveyapp/data/SOURCE.md).

Run by hand when a new year's classification appears; it needs `pip install rdata` (not a
dependency of the app) and the two packages' data files:

    python scripts/classification_from_geofi.py geofi/data/municipality_key_2026.rda \
        statficlassifications/data/abolished_mun_key.rda surveyapp/data
"""

import csv
import sys
from pathlib import Path

import rdata

COLUMNS = ["code", "name_fi", "name_sv", "county_code", "county_fi", "county_sv", "language"]


# Mergers after the package's list (to 2024), each cited in surveyapp/data/SOURCE.md.
LATER_MERGERS = {("588", "507")}  # Pertunmaa joined Mäntyharju on 1 January 2025


def frame(path: str):
    return next(iter(rdata.read_rda(path).values()))


def main(key_path: str, abolished_path: str, out: str) -> None:
    key = frame(key_path).sort_values("kunta")
    year = int(key["year"].iloc[0])
    with open(Path(out) / f"municipalities_{year}.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in key.itertuples():
            writer.writerow(
                [
                    f"{int(row.kunta):03d}",
                    row.municipality_name_fi,
                    row.municipality_name_sv,
                    f"{int(row.hyvinvointialue_code):02d}",
                    row.hyvinvointialue_name_fi,
                    row.hyvinvointialue_name_sv,
                    int(row.kielisuhde_code),
                ]
            )
    pairs = frame(abolished_path)
    pairs = pairs[pairs["joiner"] != pairs["joinee"]]
    with open(Path(out) / "municipality_mergers.csv", "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["old_code", "new_code"])
        known = {(r.joiner[2:], r.joinee[2:]) for r in pairs.itertuples()}
        for row in sorted(known | LATER_MERGERS):
            writer.writerow(row)


if __name__ == "__main__":
    main(*sys.argv[1:])
