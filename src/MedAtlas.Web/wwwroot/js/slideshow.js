// Slideshows (issue 11): the left and right arrow keys and a horizontal swipe follow the slide's own previous and next
// links. Without JavaScript those links are the whole navigation.
const slide = document.querySelector('[data-slideshow]');
if (slide) {
  const go = (rel) => {
    const link = slide.querySelector(`.slide-nav a[rel="${rel}"]`);
    if (link) window.location.assign(link.href);
  };

  document.addEventListener('keydown', (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey || event.defaultPrevented) return;
    const target = event.target;
    if (target instanceof HTMLElement && (target.isContentEditable || target.closest('input, textarea, select'))) return;
    if (event.key === 'ArrowRight') go('next');
    else if (event.key === 'ArrowLeft') go('prev');
  });

  let start = null;
  slide.addEventListener('pointerdown', (event) => {
    if (event.pointerType !== 'mouse') start = { x: event.clientX, y: event.clientY };
  });
  slide.addEventListener('pointerup', (event) => {
    if (!start) return;
    const dx = event.clientX - start.x;
    const dy = event.clientY - start.y;
    start = null;
    // A deliberate sideways swipe, not a scroll.
    if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) go(dx < 0 ? 'next' : 'prev');
  });
  slide.addEventListener('pointercancel', () => { start = null; });
}
