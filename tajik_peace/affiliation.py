"""Chains of ``actors.affiliation`` and ``ceasefires.extends``: who belongs to whom, what extends
what. networkx walks the chains; a chain that loops ends where it would repeat itself."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx

from .data import is_blank
from .records import frame

__all__ = ["affiliation_chain", "affiliations", "link_graph", "roll_up"]


def link_graph(links: Mapping[str, object]) -> nx.DiGraph:
    """A graph with an edge from each id to the id it links to (blank links make no edge)."""
    graph = nx.DiGraph()
    graph.add_nodes_from(str(k) for k in links)
    graph.add_edges_from((str(k), str(v)) for k, v in links.items() if not is_blank(v))
    return graph


def affiliations(ds) -> dict[str, object]:
    """actor_id -> affiliation (None where empty)."""
    actors = frame(ds, "actors")
    return {
        a: (None if is_blank(f) else f) for a, f in zip(actors["actor_id"], actors["affiliation"])
    }


def affiliation_chain(
    actor: str, affiliation: Mapping[str, object] | nx.DiGraph, stop_at: Iterable[str] = ()
) -> list[str]:
    """The actor and the bodies above it: ``[actor, its affiliation, that one's affiliation, ...]``.

    The chain ends at an actor with no affiliation, at one of ``stop_at``, or before the first actor
    that would appear twice (a cycle in the affiliations ends the chain; it is not an error).

    >>> affiliation_chain("a", {"a": "b", "b": "c", "c": "a"})
    ['a', 'b', 'c']
    """
    graph = affiliation if isinstance(affiliation, nx.DiGraph) else link_graph(affiliation)
    if actor not in graph:
        return [actor]
    stops = set(stop_at) & set(graph)
    if stops:
        graph = graph.copy()
        graph.remove_edges_from(list(graph.out_edges(stops)))
    # each actor has at most one affiliation, so the depth-first walk is the chain itself, and it
    # never visits a node twice
    return list(nx.dfs_preorder_nodes(graph, actor))


def roll_up(
    actor: str, affiliation: Mapping[str, object] | nx.DiGraph, stop_at: Iterable[str] = ()
) -> str:
    """The body ``actor`` belongs to at the top of its affiliation chain (:func:`affiliation_chain`).

    >>> roll_up("kozyrev", {"kozyrev": "russian_foreign_ministry", "russian_foreign_ministry": "russia"})
    'russia'
    >>> roll_up("a", {"a": "b", "b": "a"})
    'b'
    """
    return affiliation_chain(actor, affiliation, stop_at)[-1]
