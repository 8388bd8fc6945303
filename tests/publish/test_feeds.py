"""The feeds for harvesters, read as XML and validated against their schemas (vendored in
tests/publish/schemas): the Atom feed of recently published films against RFC 4287's
RELAX NG grammar, and the static OAI-PMH ListRecords file in Dublin Core against the
OAI-PMH 2.0 and oai_dc XML Schemas."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from lxml import etree
from publish_demo import SECRET, Demo

from curator.model.enums import PublicationState
from curator.publish import export_site

ATOM = "{http://www.w3.org/2005/Atom}"
OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
OAI_DC = "{http://www.openarchives.org/OAI/2.0/oai_dc/}"
BASE = "https://archive.example.org/films/"
SCHEMAS = Path(__file__).parent / "schemas"


class _LocalSchemas(etree.Resolver):
    """The schemas import one another by web address: answered from the vendored files."""

    def resolve(self, url, pubid, context):  # noqa: ANN001, ANN201 - lxml's signature
        local = SCHEMAS / url.rsplit("/", 1)[-1]
        return self.resolve_filename(str(local), context) if local.is_file() else None


def _xml_schema(name: str) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.parse(str(SCHEMAS / name), parser))


def _oai_schema() -> etree.XMLSchema:
    """OAI-PMH with oai_dc: the records' metadata is checked strictly, so both are loaded."""
    driver = (b'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">'
              b'<xs:import namespace="http://www.openarchives.org/OAI/2.0/" '
              b'schemaLocation="OAI-PMH.xsd"/>'
              b'<xs:import namespace="http://www.openarchives.org/OAI/2.0/oai_dc/" '
              b'schemaLocation="oai_dc.xsd"/></xs:schema>')
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_LocalSchemas())
    return etree.XMLSchema(etree.fromstring(driver, parser, base_url=str(SCHEMAS) + "/"))


def _atom_schema() -> etree.RelaxNG:
    rnc2rng = pytest.importorskip("rnc2rng")
    grammar = rnc2rng.dumps(rnc2rng.loads((SCHEMAS / "atom.rnc").read_text("utf-8")))
    # the converter declares the empty namespace with a prefix, which XML forbids
    return etree.RelaxNG(etree.fromstring(grammar.replace('xmlns:local=""', "").encode()))


def _valid(schema: etree._Validator, path: Path) -> None:
    document = etree.parse(str(path), etree.XMLParser(no_network=True))
    assert schema.validate(document), "\n".join(str(e) for e in schema.error_log[:10])


@pytest.fixture(scope="module")
def site(demo: Demo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("feeds") / "site"
    export_site(demo.catalog, out, still_files=demo.still_files)
    return out


def test_the_atom_feed_lists_the_films_changed_last(site: Path, demo: Demo):
    published = demo.catalog.films.records_in_state(PublicationState.PUBLISHED)
    feed = ET.parse(site / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    # what RFC 4287 requires of a feed and of each entry
    for name in ("id", "title", "updated", "author"):
        assert feed.find(ATOM + name) is not None, name
    entries = feed.findall(f"{ATOM}entry")
    newest = sorted(published, key=lambda f: (f.updated_at, f.id), reverse=True)[:50]
    assert [e.findtext(f"{ATOM}title") for e in entries] == [f.title for f in newest]
    for entry, film in zip(entries, newest, strict=True):
        assert entry.findtext(f"{ATOM}id") == f"{BASE}films/{film.id}/"
        assert entry.findtext(f"{ATOM}updated").endswith("Z")
        href = entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert (site / href.removeprefix(BASE) / "index.html").is_file()
    assert SECRET not in (site / "feed.xml").read_text("utf-8")
    page = (site / "index.html").read_text("utf-8")
    assert 'rel="alternate" type="application/atom+xml"' in page


def test_the_oai_pmh_file_has_every_exported_film_in_dublin_core(site: Path, demo: Demo):
    root = ET.parse(site / "oai" / "ListRecords.xml").getroot()
    assert root.tag == f"{OAI}OAI-PMH"
    assert root.find(f"{OAI}request").get("verb") == "ListRecords"
    assert root.find(f"{OAI}request").get("metadataPrefix") == "oai_dc"
    records = root.findall(f"{OAI}ListRecords/{OAI}record")
    published = {f.id: f for f in demo.catalog.films.records_in_state(PublicationState.PUBLISHED)}
    ids = [r.findtext(f"{OAI}header/{OAI}identifier") for r in records]
    assert sorted(ids) == sorted(f"{BASE}films/{i}/" for i in published)
    record = records[ids.index(f"{BASE}films/{demo.film_id}/")]
    dc = record.find(f"{OAI}metadata/{OAI_DC}dc")
    assert dc.findtext(f"{DC}title") == "From Russia with Rock"
    assert dc.findtext(f"{DC}creator") == "Marjaana Mykkanen"
    assert dc.findtext(f"{DC}date") == "1988"
    assert [e.text for e in dc.findall(f"{DC}language")] == ["Russian", "Finnish"]


def test_the_atom_feed_is_valid_by_rfc_4287(site: Path):
    _valid(_atom_schema(), site / "feed.xml")
    # the grammar's Schematron rules: an author for the feed, a link for each entry
    feed = etree.parse(str(site / "feed.xml")).getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert feed.xpath("a:author", namespaces=ns)
    assert all(e.xpath("a:link[@rel='alternate']", namespaces=ns)
               for e in feed.xpath("a:entry", namespaces=ns))


def test_the_oai_pmh_file_is_valid_by_oai_pmh_and_oai_dc(site: Path):
    _valid(_oai_schema(), site / "oai" / "ListRecords.xml")


def test_the_schemas_reject_what_they_should(tmp_path: Path):
    """The validation can fail: a feed without its id, a record with an unknown DC field."""
    feed = tmp_path / "feed.xml"
    feed.write_text('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
                    "<updated>2026-11-30T00:00:00Z</updated></feed>")
    assert not _atom_schema().validate(etree.parse(str(feed)))
    oai = tmp_path / "oai.xml"
    oai.write_text(
        '<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">'
        "<responseDate>2026-11-30T00:00:00Z</responseDate>"
        '<request verb="ListRecords">https://x.example/</request><ListRecords><record><header>'
        "<identifier>https://x.example/1</identifier><datestamp>2026-11-30</datestamp></header>"
        '<metadata><oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:runtime>90</dc:runtime></oai_dc:dc>'
        "</metadata></record></ListRecords></OAI-PMH>")
    assert not _oai_schema().validate(etree.parse(str(oai)))


def test_no_feeds_without_the_sites_address(demo: Demo, tmp_path: Path):
    before = demo.catalog.settings.get("site_base_url")
    demo.catalog.settings.set("site_base_url", "")
    try:
        export_site(demo.catalog, tmp_path / "site", still_files=demo.still_files)
    finally:
        demo.catalog.settings.set("site_base_url", before)
    assert not (tmp_path / "site" / "feed.xml").exists()
    assert "atom+xml" not in (tmp_path / "site" / "index.html").read_text("utf-8")


@pytest.mark.parametrize("text", ["", "Assa", "Tom & Jerry <3>", 'He said "no"', "l'été",
                                  'both \' and "', "a\nb\r\tc", "&amp; already"])
def test_the_feeds_escape_text_as_the_standard_library_does(text):
    """Curator writes XML's escapes itself (saxutils loads the web client with them): the
    feeds and the sitemap come out as they did."""
    from xml.sax.saxutils import escape, quoteattr

    from curator.publish.text import xml_attribute, xml_escape

    assert xml_escape(text) == escape(text)
    assert xml_attribute(text) == quoteattr(text)
