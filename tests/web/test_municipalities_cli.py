"""`flask municipalities load|unmapped`: the shipped classification, a newer year's file, bad files."""

from __future__ import annotations

from sqlalchemy import func, select

from surveyapp.core.models import Collection, Municipality, MunicipalityMerger, Response

HEADER = "code,name_fi,name_sv,county_code,county_fi,county_sv,language\n"


def test_load_without_a_file_loads_the_shipped_classification(runner, db):
    result = runner.invoke(args=["municipalities", "load"])
    assert result.exit_code == 0, result.output
    assert "308 municipalities added, 0 changed" in result.output
    assert db.scalar(select(func.count()).select_from(Municipality)) == 308
    assert db.get(MunicipalityMerger, "911").new_code == "541"


def test_a_newer_years_file_renames_and_adds(runner, db, tmp_path):
    runner.invoke(args=["municipalities", "load"])
    newer = tmp_path / "municipalities_2027.csv"
    newer.write_text(
        HEADER + "494,Muhos,Muhos kommun,19,P,N,0\n999,Uusikunta,Nykommun,19,P,N,1\n",
        encoding="utf-8",
    )
    mergers = tmp_path / "mergers.csv"
    mergers.write_text("old_code,new_code\n889,999\n", encoding="utf-8")
    result = runner.invoke(args=["municipalities", "load", str(newer), "--mergers", str(mergers)])
    assert result.exit_code == 0, result.output
    assert "1 municipalities added, 1 changed, 1 mergers known" in result.output
    db.expire_all()
    assert db.get(Municipality, "999").name_sv == "Nykommun"
    assert db.get(Municipality, "494").classified == 2027
    assert db.get(Municipality, "494").name_in("sv") == "Muhos kommun"
    assert db.get(MunicipalityMerger, "889").new_code == "999"


def test_a_bad_file_changes_nothing_and_says_which_line(runner, db, tmp_path):
    bad = tmp_path / "municipalities_2027.csv"
    bad.write_text(HEADER + "494,Muhos,Muhos,19,P,N,0\n12,X,X,19,P,N,0\n", encoding="utf-8")
    result = runner.invoke(args=["municipalities", "load", str(bad)])
    assert result.exit_code != 0
    assert "line 3: codes are three" in result.output
    assert db.scalar(select(func.count()).select_from(Municipality)) == 0
    missing = runner.invoke(args=["municipalities", "load", str(tmp_path / "none_2027.csv")])
    assert missing.exit_code != 0 and "No such file" in missing.output


def test_unmapped_lists_the_typed_municipalities_no_official_one_matched(runner, db):
    db.add(Municipality(code="kyla", name="Kylä"))
    db.commit()
    result = runner.invoke(args=["municipalities", "unmapped"])
    assert result.output == "not in the classification: Kylä (kyla)\n"


def test_the_demo_loads_on_top_of_the_classification_with_official_codes(runner, db):
    runner.invoke(args=["municipalities", "load"])
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    demo = db.scalar(select(Collection).where(Collection.slug == "valpas-kumppanit-2019"))
    assert sorted(m.code for m in demo.municipalities) == ["320", "494", "615", "889"]
    places = db.scalars(select(Response.municipality_code).where(Response.collection_id == demo.id))
    assert set(places) == {"320", "494", "615", "889"}
