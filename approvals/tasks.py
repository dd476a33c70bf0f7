"""Background work of the approval route."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from approvals.models import Notification
from core.i18n import CONTENT_LANGUAGES, path_in_language


@shared_task(acks_late=True)
def send_notification_emails(notification_ids: list[int]) -> int:
    """E-mail notifications not e-mailed yet (safe to run twice); returns how many were sent."""
    sent = 0
    pending = Notification.objects.filter(
        pk__in=notification_ids, emailed_at__isnull=True
    ).select_related("user")
    for notification in pending:
        if not notification.user.email:
            continue
        # The message in each language, each followed by the page in that language.
        body = "\n\n".join(
            f"{message}\n{settings.SITE_URL}{path_in_language(notification.url, lang)}"
            for lang in CONTENT_LANGUAGES
            if (message := getattr(notification, f"message_{lang}"))
        )
        send_mail(
            subject=f"Qala Strategy: {notification.message_ru or notification.message_kk}"[:200],
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notification.user.email],
        )
        Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
        sent += 1
    return sent


@shared_task(acks_late=True)
def draw_edition_charts(strategy_id: int) -> int:
    """Draw ahead what the first readers of a newly approved edition would otherwise wait for
    (issue 14: about 0.2 s per chart, hundreds of charts at 200 indicators): the public edition's
    document in each language and the monitoring page's charts in each interface language, all
    kept in the shared cache (indicators.charts, approvals.public_edition). Idempotent; returns
    how many languages were drawn."""
    from django.utils import translation

    from approvals.public_edition import document_html, edition_page_head
    from indicators.selectors import monitoring_charts, monitoring_overview
    from strategies.models import Strategy

    head = edition_page_head(strategy_id)
    if head is None:
        return 0
    overview = monitoring_overview(Strategy.objects.select_related("city").get(pk=strategy_id))
    for lang in CONTENT_LANGUAGES:
        document_html(head, lang)
        with translation.override(lang):
            monitoring_charts(overview, lang=lang)
    return len(CONTENT_LANGUAGES)
