"""Background work of publishing: rendering a PDF."""

import random

from celery import shared_task

from publishing import services

# Retries for a storage or database that is unreachable for a moment (never for a template
# error, which fails the render at once): after about 5, 10, 20 and 40 seconds.
MAX_RETRIES = 4


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=MAX_RETRIES)
def render_pdf(self, render_id: int) -> str | None:
    """Render and store the PDF of a render record; returns its status, None when there was
    nothing to do (already done, or another attempt has it).

    Acknowledged after the work and rejected back to the queue when the worker dies, so a killed
    worker's render is done by the next one (services.render_run is idempotent)."""
    try:
        render = services.render_run(render_id=render_id, attempt=self.request.id)
    except services.TransientRenderError as error:
        if self.request.retries >= self.max_retries:
            services.render_give_up(render_id=render_id, error=error)
            return None
        if self.request.is_eager:  # run in process (no broker): try again at once
            retries = self.request.retries + 1
            return self.apply(args=[render_id], task_id=self.request.id, retries=retries).result
        countdown = 5 * 2**self.request.retries + random.uniform(0, 2)  # noqa: S311 - jitter
        raise self.retry(exc=error, countdown=countdown) from error
    return render.status if render is not None else None
