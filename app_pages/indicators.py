from assistant.ui import indicators_page

indicators_page.render()
