"""Film pages of the existing web archive, as rendered text and as our own HTML."""

import re
from pathlib import Path

import pytest

from curator.interchange.page_import import import_pages
from curator.interchange.pages import read_page
from curator.model.enums import PublicationState

REFERENCE = "archive-page-from-russia-with-rock.txt"
SYNOPSIS_START = "From Russia with Rock is the first overview"


@pytest.fixture
def reference(sample_data: Path) -> str:
    return (sample_data / REFERENCE).read_text(encoding="utf-8")


def _page(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reference_page(sample_data):
    page = read_page(sample_data / REFERENCE)
    assert page.title == "From Russia with Rock"  # the page has none: from the file name
    assert "taken from the file name" in page.problems[0]
    assert (page.countries, page.year) == (["USSR"], 1988)
    assert (page.festival, page.festival_year, page.section) == ("MIFF", 1989, "")
    assert page.directors == ["Marjaana Mykkanen"]
    assert page.synopsis[0].startswith(SYNOPSIS_START)
    [(quote, who)] = page.quotes
    assert quote.endswith("the first steps of perestroika in action.")
    assert who == "Marjaana Mykkanen"
    # the director's statement: two paragraphs, the break between them kept
    assert quote.startswith("The prime starting-point") and quote.count("\n\n") == 1
    assert len(page.synopsis) == 2
    # every entry, in the page's order; no title is made up for those that show none
    assert [s.title for s in page.see_also] == ["", "", "Defence Councel Sedov", "",
                                                "Off the Coast of the Antarctic", ""]
    assert page.see_also[2].teaser.endswith("to take on the\u2026")
    assert page.see_also[0].teaser.startswith("A devastating puppet-animated parable")
    assert len(page.untitled_see_also) == 4


def test_reference_page_imports_with_its_see_also_films(catalog, sample_data):
    result, _pages = import_pages(catalog, [sample_data / REFERENCE])
    assert result.summary() == ("7 new films (4 untitled, under Saved searches \u203a No "
                                "title), 0 updates, 0 rows with errors")
    film = catalog.films.get(result.film_ids[0])
    assert film.state == PublicationState.DRAFT  # needs attention: the page showed no title
    assert "shows no title" in film.notes and "without their titles" in film.notes
    of = "Untitled (See also {} of From Russia with Rock)"
    assert [r.title for r in film.related] == [
        of.format(1), of.format(2), "Defence Councel Sedov", of.format(4),
        "Off the Coast of the Antarctic", of.format(6)]
    sedov = catalog.films.get(film.related[2].film_id)
    assert sedov.synopsis.startswith("Late one evening in Moscow in 1937")
    assert "Synopsis from a See also teaser" in sedov.notes
    assert sedov.state == PublicationState.DRAFT
    first = catalog.films.get(film.related[0].film_id)
    assert first.synopsis.startswith("A devastating puppet-animated parable")
    assert "no title" in first.notes
    assert [s.label for s in film.screenings] == ["MIFF 1989"]
    assert film.quotes[0].attribution == "Marjaana Mykkanen"
    again, _pages = import_pages(catalog, [sample_data / REFERENCE])
    assert again.created == [] and catalog.counts()["films"] == 7


def test_page_with_its_title(tmp_path, reference):
    text = reference.replace("\n\n\nUSSR, 1988", "\n\nFrom Russia with Rock\n\nUSSR, 1988", 1)
    page = read_page(_page(tmp_path, "page.txt", text))
    assert page.title == "From Russia with Rock" and not page.title_from
    assert not any("title" in p for p in page.problems)


def test_page_cut_off_mid_word(tmp_path, reference):
    cut = reference.index("emotionally charged") + len("emotionally char")
    page = read_page(_page(tmp_path, "cut.txt", reference[:cut]))
    assert page.synopsis[-1].endswith("emotionally char")
    assert any("mid-sentence" in p and "emotionally char" in p for p in page.problems)
    assert page.see_also == [] and page.quotes == []


def test_quote_in_synopsis_with_attribution_on_its_own_line(tmp_path):
    text = ("Black Square\n\nUSSR, 1988 (MIFF 1989, Documentaries)\n\nDirector: Iosif Pasternak"
            "\n\nAn original and lively look at avant-garde painting in the USSR.\n\n"
            "\u2018A film that opens the archives at last.\u2019\n\n\u2014 The Age\n")
    page = read_page(_page(tmp_path, "square.txt", text))
    assert page.synopsis == ["An original and lively look at avant-garde painting in the USSR."]
    assert page.quotes == [("A film that opens the archives at last.", "The Age")]
    assert page.section == "Documentaries" and page.problems == []


def test_page_without_facts_or_director(tmp_path):
    text = "Sedov\n\nLate one evening in Moscow in 1937, a lawyer hears a knock at the door.\n"
    page = read_page(_page(tmp_path, "sedov.txt", text))
    assert (page.countries, page.year, page.directors, page.festival) == ([], None, [], "")
    assert any("no line with the countries" in p for p in page.problems)
    assert any("no director" in p for p in page.problems)


def test_no_truncation_of_the_reference_crashes_or_invents(tmp_path, reference):
    for cut in range(0, len(reference), 53):
        page = read_page(_page(tmp_path, "page.txt", reference[:cut]))
        assert page.year in (None, 1988)
        assert set(page.countries) <= {"USSR"}
        assert page.title == "From Russia with Rock" or (
            page.untitled and page.title == "Untitled (page.txt)")
        assert all(d == "Marjaana Mykkanen" or "Marjaana Mykkanen".startswith(d)
                   for d in page.directors)
        for part in page.synopsis:
            assert part.split()[0] in reference


# The shape of the film page Curator's export writes (templates/film.html and base.html).
EXPORTED = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} \u00b7 MIFF Film Archive</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "Movie",
 "name": "{title}"}}</script>
</head>
<body class="page film-page">
<a class="skip" href="#main">Skip to main content</a>
<header class="masthead"><div class="wrap masthead-inner">
  <a class="brand" href="../../../">MIFF Film Archive</a>
  <nav class="site-nav" aria-label="Archive"><ul><li><a href="../../../#festivals">Festivals</a>
  </li><li><a href="../../../directors/">Directors</a></li></ul></nav></div></header>
<main id="main" tabindex="-1">
<article class="film wrap">
  <header class="film-head">
    {h1}
    <p class="original-title">Rok iz Rossii</p>
    <ul class="appearances">
      <li>USSR / Finland, 1988 (<a href="../../../miff/1989/">MIFF 1989</a>,
       <a href="../../../miff/1989/documentaries/">Documentaries</a>)</li>
      <li>USSR / Finland, 1988 (<a href="../../../miff/1990/">MIFF 1990</a>)</li>
    </ul>
    <p class="directors">Directors: <a href="../../../people/4/marjaana-mykkanen/">Marjaana
     Mykkanen</a>, <a href="../../../people/5/juris-podnieks/">Juris Podnieks</a></p>
    <p class="alt-titles">Also known as From Russia With Rock \u00b7 Rock aus Russland</p>
  </header>
  <figure class="lead-still"><img src="x.webp" alt="A crowd"><figcaption>Concert in
   Moscow. <span class="credit">Photo: MIFF</span></figcaption></figure>
  <div class="film-columns">
  <div class="film-body">
    <section class="synopsis" aria-label="Synopsis">
      <p>From Russia with Rock is the first overview of the Soviet rock scene.</p>
      <p>The film interpolates tremendous concert footage &amp; interviews.</p>
    </section>
    <section class="quotes" aria-label="Statements">
      <figure class="quote">
        <blockquote><p>Captures the first steps of perestroika in action.</p></blockquote>
        <figcaption>&mdash; Marjaana Mykkanen, <cite>Director&#39;s statement</cite></figcaption>
      </figure>
    </section>
  </div>
  <aside class="facts" aria-label="Credits and details">
    <section class="credits" aria-labelledby="credits-h"><h2 id="credits-h">Credits</h2>
      <dl><div><dt>Cinematography</dt><dd><a href="#">Juris Podnieks</a></dd></div>
      <div><dt>Cast</dt><dd>Nautilus Pompilius <span class="character">(themselves)</span>
      </dd></div></dl></section>
    <section class="details" aria-labelledby="details-h"><h2 id="details-h">Technical
     details</h2><dl><div><dt>Runtime</dt><dd>90 min</dd></div>
      <div><dt>Format</dt><dd>35mm</dd></div><div><dt>Colour</dt><dd>Colour</dd></div>
      <div><dt>Languages</dt><dd>Russian, Finnish</dd></div></dl></section>
    <section class="awards"><h2>Awards</h2><ul><li><span class="award-name">Audience
     Award</span>, <a href="#">MIFF 1989</a></li></ul></section>
  </aside>
  </div>
  <section class="see-also" aria-labelledby="see-also-h">
    <h2 id="see-also-h">See also&hellip;</h2>
    <ul>
      <li>
        <h3><a href="../../2/black-square/">Black Square</a></h3>
        <p class="film-meta">USSR, 1988</p>
        <p class="teaser">If perestroika seems slow to influence Soviet features, its effect
        on documentaries is clear\u2026 <a class="more" href="../../2/black-square/">More<span
        class="visually-hidden"> about Black Square</span>&nbsp;&raquo;</a></p>
      </li>
      <li>
        <h3>Defence Councel Sedov</h3>
        <p class="film-meta">USSR, 1989</p>
        <p class="teaser">Late one evening in Moscow in 1937\u2026</p>
      </li>
    </ul>
  </section>
</article>
</main>
<footer class="colophon"><div class="wrap"><p><a href="../../../">MIFF Film Archive</a></p>
<ul><li><a href="../../../search/">Search the film archive</a></li></ul></div></footer>
</body>
</html>
"""


def _exported(title: str = "From Russia with Rock", h1: bool = True) -> str:
    return EXPORTED.format(title=title, h1=f"<h1>{title}</h1>" if h1 else "")


def test_our_exported_html_reads_back(tmp_path):
    page = read_page(_page(tmp_path, "index.html", _exported()))
    assert page.title == "From Russia with Rock" and page.problems == []
    assert page.original_title == "Rok iz Rossii"
    assert page.alt_titles == ["From Russia With Rock", "Rock aus Russland"]
    assert (page.countries, page.year) == (["USSR", "Finland"], 1988)
    assert page.appearances == [("MIFF", 1989, "Documentaries"), ("MIFF", 1990, "")]
    assert page.directors == ["Marjaana Mykkanen", "Juris Podnieks"]
    assert page.credits == [("Juris Podnieks", "cinematographer"),
                            ("Nautilus Pompilius", "cast")]
    assert page.details == {"runtime": "90 min", "format": "35mm", "colour": "Colour",
                            "languages": "Russian, Finnish"}
    assert page.synopsis == [
        "From Russia with Rock is the first overview of the Soviet rock scene.",
        "The film interpolates tremendous concert footage & interviews."]
    assert page.quotes == [("Captures the first steps of perestroika in action.",
                            "Marjaana Mykkanen")]
    assert page.quote_sources == ["Director's statement"]
    assert [(s.title, s.countries, s.year) for s in page.see_also] == [
        ("Black Square", ["USSR"], 1988), ("Defence Councel Sedov", ["USSR"], 1989)]
    assert page.see_also[0].teaser.endswith("documentaries is clear\u2026")


def test_exported_pages_import_as_published_films_with_links(catalog, tmp_path):
    result, _ = import_pages(catalog, [_page(tmp_path, "index.html", _exported())])
    film = catalog.films.get(result.film_ids[0])
    assert film.state == PublicationState.PUBLISHED and film.notes == ""
    assert film.directors == ("Marjaana Mykkanen", "Juris Podnieks")
    assert (film.runtime, film.format, film.colour, film.languages) == (
        90, "35mm", "colour", ("Russian", "Finnish"))
    assert [s.label for s in film.screenings] == ["MIFF 1989, Documentaries", "MIFF 1990"]
    assert (film.quotes[0].attribution, film.quotes[0].source) == (
        "Marjaana Mykkanen", "Director's statement")
    assert [r.title for r in film.related] == ["Black Square", "Defence Councel Sedov"]
    square = catalog.films.get(film.related[0].film_id)
    assert (square.state, square.year, square.countries) == (
        PublicationState.DRAFT, 1988, ("USSR",))


def test_html_without_h1_takes_the_title_from_its_metadata(tmp_path):
    page = read_page(_page(tmp_path, "index.html", _exported(h1=False)))
    assert page.title == "From Russia with Rock"
    assert "the page's metadata" in page.problems[0]


def test_broken_and_cut_off_html_never_crashes(tmp_path):
    html = _exported()
    for cut in range(0, len(html), 41):
        page = read_page(_page(tmp_path, "index.html", html[:cut]))
        assert page.year in (None, 1988)
        # a title cut short is what the page holds; nothing longer is made up
        assert "From Russia with Rock".startswith(page.title) or (
            page.untitled and page.title == "Untitled (index.html)")
    sloppy = re.sub(r"</p>|</li>|</h3>", "", html)  # unclosed tags, as old sites have them
    page = read_page(_page(tmp_path, "sloppy.html", sloppy))
    assert page.directors == ["Marjaana Mykkanen", "Juris Podnieks"]
    assert page.year == 1988
