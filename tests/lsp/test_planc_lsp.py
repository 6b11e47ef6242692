"""planc lsp driven end to end by a real client (pytest-lsp), as VS Code (UTF-16
columns) and as Neovim (which offers UTF-8): open the flagship plan, break it, complete
an owner, hover a unit, go to its definition, rename it, format the plan.

The server is the binary in PLANC_BIN (the Rust test `tests/suite/lsp.rs` sets it).
"""

import os
import pathlib

import pytest
import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient, client_capabilities

ROOT = pathlib.Path(__file__).resolve().parents[2]
PLAN = ROOT / "plans" / "soe-online-opinion.plan"
URI = PLAN.as_uri()
TEXT = PLAN.read_text(encoding="utf-8")
SERVER = [os.environ.get("PLANC_BIN", "planc"), "lsp", "--today", "2026-11-28"]


@pytest_lsp.fixture(
    params=["visual-studio-code", "neovim"],
    config=ClientServerConfig(server_command=SERVER),
)
async def client(request, lsp_client: LanguageClient):
    caps = client_capabilities(request.param)
    result = await lsp_client.initialize_session(types.InitializeParams(capabilities=caps))
    lsp_client.encoding = result.capabilities.position_encoding or "utf-16"
    offered = (caps.general and caps.general.position_encodings) or []
    assert lsp_client.encoding == ("utf-8" if "utf-8" in offered else "utf-16")
    yield
    await lsp_client.shutdown_session()


def test_both_encodings_are_exercised():
    offered = lambda spec: client_capabilities(spec).general.position_encodings or []  # noqa: E731
    assert "utf-8" not in offered("visual-studio-code")
    assert "utf-8" in offered("neovim")


def column(client, line: str, index: int) -> int:
    """The column of a character index of a line, in the negotiated encoding."""
    if client.encoding == "utf-8":
        return len(line[:index].encode("utf-8"))
    return len(line[:index].encode("utf-16-le")) // 2


def position(client, text: str, needle: str, shift: int = 0, nth: int = 0) -> types.Position:
    """The position of the `nth` occurrence of `needle` plus `shift` characters."""
    index = -1
    for _ in range(nth + 1):
        index = text.index(needle, index + 1)
    index += shift
    line_no = text.count("\n", 0, index)
    start = text.rfind("\n", 0, index) + 1
    end = text.find("\n", start)
    line = text[start:end]
    return types.Position(line=line_no, character=column(client, line, index - start))


def offset(client, text: str, pos: types.Position) -> int:
    lines = text.split("\n")
    start = sum(len(line) + 1 for line in lines[: pos.line])
    line = lines[pos.line]
    for i in range(len(line) + 1):
        if column(client, line, i) >= pos.character:
            return start + i
    return start + len(line)


def apply(client, text: str, edits) -> str:
    spans = sorted(
        ((offset(client, text, e.range.start), offset(client, text, e.range.end), e.new_text) for e in edits),
        reverse=True,
    )
    for a, b, new in spans:
        text = text[:a] + new + text[b:]
    return text


async def open_plan(client: LanguageClient, text: str = TEXT, version: int = 1):
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=URI, language_id="planc", version=version, text=text)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[URI]


async def change(client: LanguageClient, text: str, version: int):
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=URI, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    return client.diagnostics[URI]


def errors(diags):
    return [d for d in diags if d.severity == types.DiagnosticSeverity.Error]


async def test_open_break_and_see_the_diagnostic(client: LanguageClient):
    assert errors(await open_plan(client)) == []
    broken = TEXT.replace("owner 宣传部", "owner 宣传郎", 1)
    diags = errors(await change(client, broken, 2))
    assert len(diags) == 1, diags
    d = diags[0]
    assert d.code == "N0001"
    start = position(client, broken, "owner 宣传郎", len("owner "))
    assert d.range.start == start
    assert d.range.end.character - start.character == column(client, "宣传郎", 3)
    assert "宣传部" in d.message  # the did-you-mean, in the plan's language
    assert d.code_description.href == "planc-explain:N0001"


async def test_complete_an_owner(client: LanguageClient):
    await open_plan(client)
    pos = position(client, TEXT, "owner 宣传部", len("owner "))
    result = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=URI), position=pos)
    )
    items = result.items if isinstance(result, types.CompletionList) else result
    labels = {i.label for i in items}
    assert {"宣传部", "网信部", "总指挥"} <= labels
    assert "红色" not in labels


async def test_hover_a_unit_and_go_to_its_definition(client: LanguageClient):
    await open_plan(client)
    pos = position(client, TEXT, "maintainer 宣传部", len("maintainer ") + 1)
    hover = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=URI), position=pos)
    )
    assert "部门" in hover.contents.value and "宣传部" in hover.contents.value
    defs = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=URI), position=pos)
    )
    defs = defs if isinstance(defs, list) else [defs]
    assert [d.range.start for d in defs] == [position(client, TEXT, "unit 宣传部 {", len("unit "))]


async def test_rename_a_unit(client: LanguageClient):
    await open_plan(client)
    pos = position(client, TEXT, "unit 宣传部 {", len("unit "))
    edit = await client.text_document_rename_async(
        types.RenameParams(
            text_document=types.TextDocumentIdentifier(uri=URI), position=pos, new_name="新闻中心"
        )
    )
    renamed = apply(client, TEXT, edit.changes[URI])
    assert "unit 新闻中心 {" in renamed and "owner 宣传部" not in renamed
    assert errors(await change(client, renamed, 2)) == []
    # A name that is already defined is refused.
    with pytest.raises(Exception, match="网信部"):
        await client.text_document_rename_async(
            types.RenameParams(
                text_document=types.TextDocumentIdentifier(uri=URI),
                position=position(client, renamed, "unit 新闻中心 {", len("unit ")),
                new_name="网信部",
            )
        )


async def test_format(client: LanguageClient):
    messy = TEXT.replace("\n  org ", "\n        org ", 1)
    assert messy != TEXT
    await open_plan(client, messy)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert apply(client, messy, edits) == TEXT
    # A plan that does not parse is never formatted.
    await change(client, messy + "\nunit {\n", 2)
    edits = await client.text_document_formatting_async(
        types.DocumentFormattingParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            options=types.FormattingOptions(tab_size=2, insert_spaces=True),
        )
    )
    assert not edits


async def test_quick_fix_and_outline(client: LanguageClient):
    await open_plan(client)
    broken = TEXT.replace("within 1h", "within 1小时", 1)
    diags = errors(await change(client, broken, 2))
    assert [d.code for d in diags] == ["P0001"], diags
    actions = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=URI),
            range=diags[0].range,
            context=types.CodeActionContext(diagnostics=diags),
        )
    )
    fix = next(a for a in actions if a.kind == types.CodeActionKind.QuickFix)
    assert apply(client, broken, fix.edit.changes[URI]) == TEXT
    await change(client, TEXT, 3)
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    names = [s.name for s in outline]
    assert "宣传部" in names and "红色" in names


async def test_code_lens_drills_a_level(client: LanguageClient):
    await open_plan(client)
    lenses = await client.text_document_code_lens_async(
        types.CodeLensParams(text_document=types.TextDocumentIdentifier(uri=URI))
    )
    red = position(client, TEXT, "level 红色", len("level "))
    lens = next(lens for lens in lenses if lens.range.start == red)
    resolved = await client.code_lens_resolve_async(lens)
    assert resolved.command.command == "planc.drillLevel"
    assert "%" in resolved.command.title or "没有一次" in resolved.command.title, resolved.command.title
    said = await client.workspace_execute_command_async(
        types.ExecuteCommandParams(command=resolved.command.command, arguments=resolved.command.arguments)
    )
    assert "红色" in said and "2000" in said, said
