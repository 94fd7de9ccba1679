# The interactive sessions of seed 001, in the post's order, as a script: the `>>>` lines
# as written, with the post's print() calls.
#
# Changes, all for running outside the post's setting:
# - tpaga_url was hard-coded to 'https://sandbox.tpaga.co/api/customer'; it is
#   TPAGA_API_URL (environment, see tpaga_test_client.py) + 'customer'.
# - The card token comes from the post's web page (jQuery posts the form with the PUBLIC
#   key to tokenize/credit_card, then the page submits tmp_cc_token to the Django view that
#   reads request.POST['tmp_cc_token']). Here that page's request is made from Python
#   instead: the same URL, Authorization 'Basic ' + btoa(public_key + ':'), Content-Type
#   application/json and JSON.stringify of the form (every value a string, raw UTF-8).
import json

import requests

from tpaga_test_client import TPAGA_API_URL, TPAGA_PRIVATE_TOKEN, TpagaTestClient

tpaga_url = TPAGA_API_URL + 'customer'
print(requests.post(tpaga_url, json={}, auth=(TPAGA_PRIVATE_TOKEN, '')))

client = TpagaTestClient()
customer = client.create_customer({
    'firstName': 'Horns and Hoofs',
    'lastName': 'Perez',
    'email': 'hornsandhoofs@example.com',
    'phone': '012345678'
})
customer_token = customer['id']
print('customer_token', customer_token)

# The web page's tokenize call (see above).
tpaga_public_key = 'pk_test_qvbvuthlvqpijnr0elmtg5jh'
form = {
    'primaryAccountNumber': '4111111111111111',
    'cardHolderName': 'Иван Иваныч',
    'expirationMonth': '03',
    'expirationYear': '2018',
    'cvc': '123',
}
tokenized = requests.post(
    TPAGA_API_URL + 'tokenize/credit_card',
    data=json.dumps(form, ensure_ascii=False, separators=(',', ':')).encode('utf-8'),
    headers={'Content-Type': 'application/json'},
    auth=(tpaga_public_key, ''),
)
cc_temp_token = client.json_from_response(tokenized)['token']

credit_card = client.assoc_cc_to_customer(
    customer_token=customer_token,
    cc_temp_token=cc_temp_token,
)
credit_card_token = credit_card['id']
print('credit_card_token', credit_card_token)

charge_cc_response = client.charge_cc(cc_token=credit_card_token, amount=4500)
cc_charge_id = charge_cc_response['id']
print('charge_cc_response', charge_cc_response)

refund_cc_response = client.refund_cc(cc_charge_id)
print('refund_cc_response', refund_cc_response)
