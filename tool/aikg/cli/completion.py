"""Shell completion of what aikg's arguments name: catalogue queries and models.

click completes commands and options itself (``_AIKG_COMPLETE=bash_source
aikg``); these functions add the values. They never fail: a completion that
cannot be computed offers nothing rather than an error at the prompt.
"""

from __future__ import annotations


def query_names(ctx, param, incomplete: str) -> list:
    """Catalogue query names starting with what was typed."""
    from click.shell_completion import CompletionItem

    from aikg import bundle

    names = sorted(p.stem for p in bundle.queries_dir().glob("*.rq"))
    return [CompletionItem(n) for n in names if n.startswith(incomplete)]


def model_names(ctx, param, incomplete: str) -> list:
    """Models of the bundled graph (or of the -i inputs typed so far): prefixed names and labels."""
    from click.shell_completion import CompletionItem

    try:
        from aikg import api

        found = api.models(inputs=ctx.params.get("inputs") or (), input_format=ctx.params.get("input_format"))
    except Exception:  # an unreadable input: offer nothing at the prompt
        return []
    wanted = incomplete.casefold()
    items = []
    for name, label in found:
        for text in (name, label):
            if text.casefold().startswith(wanted):
                items.append(CompletionItem(text, help=label if text == name else name))
    return items
