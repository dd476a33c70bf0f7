"""Audit events as they read in the reader's language (core.audit_labels)."""

from django import template

from core import audit_labels

register = template.Library()


@register.simple_tag
def describe_events(events) -> list[audit_labels.EventDescription]:
    """{% describe_events page as rows %}: each event with its sentence and its changes."""
    return audit_labels.describe_events(events)
