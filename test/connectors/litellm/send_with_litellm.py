"""Makes LiteLLM calls in mock_response mode with LiteLLM's own generic API logger pointed at
the aisiem receiver, so the payloads under test are exactly what LiteLLM sends.
Usage: send_with_litellm.py <endpoint> <token> <log_format>"""
import asyncio
import sys

import litellm
from litellm.integrations.generic_api.generic_api_callback import GenericAPILogger


async def main(endpoint: str, token: str, log_format: str) -> None:
    logger = GenericAPILogger(endpoint=endpoint, headers={"Authorization": f"Bearer {token}"}, log_format=log_format)
    litellm.callbacks = [logger]
    await litellm.acompletion(
        model="gpt-4o",
        messages=[{"role": "system", "content": "You are terse."}, {"role": "user", "content": "What is 2+2?"}],
        mock_response="4",
        litellm_session_id="sess-1",
        # What the proxy adds for a virtual key; LiteLLM copies these into the payload's metadata.
        metadata={"user_api_key_alias": "hr-bot", "user_api_key_team_alias": "hr", "user_api_key_end_user_id": "u-48213"},
    )
    try:
        await litellm.acompletion(
            model="gpt-4o",
            messages=[{"role": "user", "content": "trigger a failure"}],
            mock_response=Exception("upstream exploded"),
        )
    except Exception:
        pass
    # Success and failure callbacks run as background tasks; wait for both, then flush the batch.
    for _ in range(100):
        if len(logger.log_queue) >= 2:
            break
        await asyncio.sleep(0.05)
    await logger.flush_queue()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3]))
